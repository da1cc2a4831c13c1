import { formatDateFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { ClauseView, ContractView } from '../contracts/contracts.service';
import { CLAUSE_FAMILY_FR, ClauseFamily } from '../contracts/clause-catalog';
import { CLAUSE_STATUS_FR } from './vendor-labels';

/** The clause checklist of a contract: its scope, its coverage and every clause by family. */
export async function renderContractClauses(
  contract: ContractView & { clauses: ClauseView[] },
  operatorName: string,
  generatedAt: Date,
): Promise<Buffer> {
  const title = `Clauses du contrat ${contract.reference}`;
  return PdfReport.render({ title, organisationName: operatorName, generatedAt }, (report) => {
    report.title(title, `Éditeur : ${contract.vendorName}`);
    const { coverage } = contract;
    report.fields([
      ['Référence', contract.reference],
      ['Éditeur', contract.vendorName],
      ['Début', formatDateFr(contract.startDate)],
      ['Fin', contract.endDate ? formatDateFr(contract.endDate) : 'Non précisée'],
      ['Date limite de préavis', contract.noticeDate ? formatDateFr(contract.noticeDate) : null],
      ['Applications couvertes', contract.applications.map((a) => a.name).join(', ')],
      ['Membres concernés', contract.members.map((m) => m.name).join(', ') || 'Aucun'],
      ['Données de santé', contract.healthData ? 'Oui : clauses HDS incluses' : 'Non'],
      ['Taux de couverture', coverage.score === null ? 'Non calculé' : `${formatNumberFr(coverage.score)} %`],
      [
        'Clauses',
        `${coverage.present} présentes, ${coverage.partial} partielles, ${coverage.missing} absentes, ${coverage.notApplicable} non applicables`,
      ],
      [
        'Conformité à l’article 28.3 du RGPD',
        coverage.art28Compliant
          ? 'Conforme : toutes les clauses obligatoires sont présentes'
          : `Non conforme : ${coverage.nonCompliances.length} clause${coverage.nonCompliances.length > 1 ? 's' : ''} obligatoire${coverage.nonCompliances.length > 1 ? 's' : ''} manquante${coverage.nonCompliances.length > 1 ? 's' : ''} ou incomplète${coverage.nonCompliances.length > 1 ? 's' : ''}`,
      ],
    ]);
    report.paragraph(
      'Taux de couverture = (clauses présentes + la moitié des clauses partielles) / clauses applicables.',
      { muted: true },
    );
    report.heading('Non-conformités à l’article 28.3 du RGPD');
    if (coverage.nonCompliances.length) {
      report.paragraph(
        'L’article 28.3 du RGPD impose chacune de ces clauses dans tout contrat de sous-traitance : tant que ' +
          'l’une d’elles manque ou n’est que partielle, le contrat n’est pas conforme, quel que soit son taux de ' +
          'couverture.',
      );
    }
    report.bullets(
      coverage.nonCompliances.map(
        (gap) =>
          `Non-conformité — ${gap.ref ? `${gap.ref} — ` : ''}${gap.label} (${CLAUSE_STATUS_FR[gap.status]})`,
      ),
      'Aucune : le contrat contient toutes les clauses exigées par l’article 28.3 du RGPD.',
    );
    report.heading('Écarts à traiter');
    report.bullets(
      coverage.gaps.map(
        (gap) => `${gap.ref ? `${gap.ref} — ` : ''}${gap.label} (${CLAUSE_STATUS_FR[gap.status]})`,
      ),
      'Aucun écart : toutes les clauses applicables sont présentes.',
    );
    const families = [...new Set(contract.clauses.map((clause) => clause.family))] as ClauseFamily[];
    for (const family of families) {
      report.heading(CLAUSE_FAMILY_FR[family]);
      report.table(
        [
          { header: 'Réf.', width: 1.3 },
          { header: 'Clause attendue', width: 5 },
          { header: 'Statut', width: 1.6 },
          { header: 'Article du contrat', width: 2 },
          { header: 'Commentaire', width: 3 },
        ],
        contract.clauses
          .filter((clause) => clause.family === family)
          .map((clause) => [
            clause.ref,
            clause.label,
            CLAUSE_STATUS_FR[clause.status],
            clause.reference,
            clause.comment,
          ]),
      );
    }
  });
}
