import { formatDateFr, formatDateTimeFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { CampaignStatus } from '../campaigns/access-review.entity';
import { FLAG_FR, REASON_TO_KEEP_FLAGS } from '../items/flags';
import type { CertificateChange, CertificateData } from './certificate-data';

export const STATUS_FR: Record<CampaignStatus, string> = {
  draft: 'Brouillon',
  open: 'En cours',
  closed: 'Clôturée',
  remediated: 'Remédiée',
};

const DECISION_FR: Record<CertificateChange['decision'], string> = {
  revoke: 'Révocation',
  modify: 'Modification',
};

function remediation(change: CertificateChange): string {
  if (change.taskStatus === 'done' && change.doneAt) {
    return `Faite le ${formatDateFr(change.doneAt)}${change.doneByName ? ` par ${change.doneByName}` : ''}`;
  }
  return `À faire (échéance ${formatDateFr(change.taskDueDate)})`;
}

/**
 * « Certificat de revue des accès »: the scope (member, application), the dates, the reviewers, the decisions
 * counted, and every revocation and modification with its remediation. Evidence for ISO/IEC 27001:2022
 * control 5.18 (« Droits d'accès »).
 */
export async function renderCertificatePdf(data: CertificateData): Promise<Buffer> {
  const { campaign, counts } = data;
  const title = `Certificat de revue des accès — ${data.applicationName}`;
  return PdfReport.render(
    { title, organisationName: data.memberName, generatedAt: data.generatedAt },
    (report) => {
      report.title('Certificat de revue des accès', `${data.applicationName} — ${data.memberName}`);
      report.fields([
        ['Campagne', campaign.name],
        ['Organisme', data.memberName],
        ['Application', data.applicationName],
        ['Statut', STATUS_FR[campaign.status]],
        ['Créée le', formatDateFr(campaign.createdAt)],
        ['Ouverte le', formatDateFr(campaign.openedAt)],
        ['Échéance', formatDateFr(campaign.dueDate)],
        ['Clôturée le', formatDateFr(campaign.closedAt)],
        ['Remédiation terminée le', campaign.remediatedAt ? formatDateFr(campaign.remediatedAt) : 'en cours'],
        [
          'Récurrence',
          campaign.recurrenceMonths
            ? `tous les ${campaign.recurrenceMonths} mois`
            : 'aucune (campagne ponctuelle)',
        ],
      ]);
      report.paragraph(
        `Ce certificat atteste que les ${formatNumberFr(counts.accounts)} comptes de l’application ` +
          `${data.applicationName} utilisés par ${data.memberName} ont été revus un par un par les relecteurs ` +
          'désignés ci-dessous, chaque compte ayant reçu une décision (conserver, révoquer ou modifier) motivée ' +
          'lorsqu’elle retire ou modifie un droit, ou maintient un compte privilégié, dormant ou orphelin. Il constitue une preuve de la mesure 5.18 « Droits d’accès » de ' +
          'l’annexe A de la norme ISO/IEC 27001:2022.',
        { muted: true },
      );

      report.heading('Décisions');
      report.table(
        [
          { header: 'Décision', width: 3 },
          { header: 'Comptes', width: 1, align: 'right' },
        ],
        [
          ['Conservés', formatNumberFr(counts.keep)],
          ['Révoqués', formatNumberFr(counts.revoke)],
          ['Modifiés', formatNumberFr(counts.modify)],
          ['Total des comptes revus', formatNumberFr(counts.accounts)],
          ['Comptes disparus depuis la revue précédente (sans décision)', formatNumberFr(counts.removed)],
        ],
      );
      report.heading('Signalements', 2);
      report.table(
        [
          { header: 'Signalement', width: 3 },
          { header: 'Comptes', width: 1, align: 'right' },
        ],
        [
          ['Dormants (aucune connexion depuis plus de 90 jours, ou jamais)', formatNumberFr(counts.dormant)],
          [
            'Orphelins (aucun agent correspondant dans l’annuaire des agents du membre, ou agent parti)',
            formatNumberFr(counts.orphan),
          ],
          ['Privilégiés (rôle d’administration)', formatNumberFr(counts.privileged)],
          ['Nouveaux depuis la revue précédente', formatNumberFr(counts.new)],
        ],
      );

      report.paragraph(
        campaign.agentDirectoryAt
          ? `Comptes orphelins déterminés d’après l’annuaire des agents de ${data.memberName} importé le ` +
              `${formatDateTimeFr(campaign.agentDirectoryAt)}.`
          : `Aucun annuaire des agents de ${data.memberName} n’était importé : les comptes orphelins n’ont pas pu ` +
              'être recherchés.',
        { muted: true },
      );

      report.heading('Comptes conservés malgré un signalement');
      report.table(
        [
          { header: 'Compte', width: 1.6 },
          { header: 'Rôle', width: 1.2 },
          { header: 'Signalement', width: 1.4 },
          { header: 'Motif du maintien', width: 2.6 },
          { header: 'Décidé par', width: 1.6 },
        ],
        data.kept.map((k) => [
          k.displayName ? `${k.username} (${k.displayName})` : k.username,
          k.role,
          REASON_TO_KEEP_FLAGS.filter((flag) => k.flags.includes(flag))
            .map((flag) => FLAG_FR[flag])
            .join(', '),
          k.reason ?? 'Aucun motif (décision antérieure à l’obligation de motiver)',
          k.decidedByName ? `${k.decidedByName}, ${k.decidedAt ? formatDateTimeFr(k.decidedAt) : ''}` : '',
        ]),
        'Aucun compte privilégié, dormant ou orphelin n’a été conservé',
      );

      report.heading('Relecteurs');
      report.table(
        [
          { header: 'Relecteur', width: 2 },
          { header: 'Courriel', width: 2.4 },
          { header: 'Comptes confiés', width: 1, align: 'right' },
          { header: 'Décidés', width: 1, align: 'right' },
        ],
        data.reviewers.map((r) => [r.name, r.email, formatNumberFr(r.accounts), formatNumberFr(r.decided)]),
        'Aucun relecteur',
      );

      report.heading('Révocations et modifications');
      report.table(
        [
          { header: 'Compte', width: 1.5 },
          { header: 'Rôle', width: 1.3 },
          { header: 'Décision', width: 1.35 },
          { header: 'Motif', width: 1.75 },
          { header: 'Décidée par', width: 1.5 },
          { header: 'Remédiation', width: 1.6 },
        ],
        data.changes.map((c) => [
          c.displayName ? `${c.username} (${c.displayName})` : c.username,
          c.role,
          DECISION_FR[c.decision],
          c.reason,
          c.decidedByName ? `${c.decidedByName}, ${c.decidedAt ? formatDateTimeFr(c.decidedAt) : ''}` : '',
          remediation(c),
        ]),
        'Aucune révocation ni modification',
      );
    },
  );
}
