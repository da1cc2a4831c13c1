import { formatDateFr, formatPercentFr, PdfReport } from '@vigie/documents';
import { INCLUSION_REASON_FR, STATUS_FR, yesNo } from './french-labels';
import type { ReportData, ReportRow } from './report-data';

function evidenceText(row: ReportRow): string {
  if (row.evidence.length === 0) return '';
  return row.evidence
    .map(
      (e) =>
        `${e.fileName} (${formatDateFr(e.effectiveDate)}, SHA-256 ${e.sha256.slice(0, 12)}…` +
        `${e.expired ? ', expirée' : ''})`,
    )
    .join(' ; ');
}

/**
 * "Déclaration d'applicabilité" (ISO/IEC 27001:2022, 6.1.3 d): every Annex A control with its applicability,
 * the justification of its inclusion or exclusion, the reasons for inclusion, its implementation status and the
 * evidence that supports it, grouped by theme. Titles and themes are the French ones held by the framework.
 */
export async function renderSoaPdf(data: ReportData): Promise<Buffer> {
  const controls = data.rows.filter((row) => row.kind === 'control');
  const title = `Déclaration d'applicabilité — ${data.assessment.name}`;
  return PdfReport.render(
    {
      title,
      organisationName: data.organisationName,
      generatedAt: data.generatedAt,
    },
    (report) => {
      report.title("Déclaration d'applicabilité", `${data.framework.name} — ${data.assessment.name}`);
      const applicable = controls.filter((c) => c.applicable);
      const implemented = applicable.filter((c) => c.status === 'implemented').length;
      report.fields([
        ['Organisme', data.organisationName],
        ['Référentiel', `${data.framework.name} (édition ${data.framework.edition}), annexe A`],
        ['Évaluation', data.assessment.name],
        ['Ouverte le', formatDateFr(data.assessment.createdAt)],
        ['Mesures de l’annexe A', controls.length],
        ['Mesures applicables', applicable.length],
        ['Mesures exclues', controls.length - applicable.length],
        [
          'Mesures applicables mises en œuvre',
          applicable.length ? `${implemented} (${formatPercentFr(implemented / applicable.length)})` : '0',
        ],
      ]);
      report.paragraph(
        'La présente déclaration indique, pour chacune des 93 mesures de l’annexe A de la norme ISO/IEC 27001:2022, ' +
          'si elle est applicable, la justification de son inclusion ou de son exclusion, les motifs de son inclusion, ' +
          'son état de mise en œuvre et les preuves qui l’étayent (nom du fichier, date d’effet, empreinte SHA-256).',
        { muted: true },
      );
      const themes = [...new Set(controls.map((c) => c.theme))];
      for (const theme of themes) {
        report.heading(theme);
        // Six columns: with the French titles, seven left too little room to keep every word whole.
        report.table(
          [
            { header: 'Réf.', width: 0.95 },
            { header: 'Mesure', width: 1.9 },
            { header: 'Applicable (motifs d’inclusion)', width: 1.6 },
            { header: 'Justification', width: 1.9 },
            { header: 'État', width: 1.2 },
            { header: 'Preuves', width: 1.9 },
          ],
          controls
            .filter((c) => c.theme === theme)
            .map((c) => [
              c.ref,
              c.title,
              applicability(c),
              c.justification,
              STATUS_FR[c.status],
              evidenceText(c),
            ]),
        );
      }
    },
  );
}

/** « Oui (exigence légale, analyse des risques) », or « Non ». */
function applicability(control: { applicable: boolean; inclusionReasons: readonly string[] }): string {
  const reasons = control.inclusionReasons.map(
    (r) => INCLUSION_REASON_FR[r as keyof typeof INCLUSION_REASON_FR],
  );
  return reasons.length && control.applicable
    ? `${yesNo(true)} (${reasons.join(', ')})`
    : yesNo(control.applicable);
}
