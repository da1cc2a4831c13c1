import { formatDateFr, formatPercentFr, PdfReport } from '@vigie/documents';
import { ISO27001_CODE } from '../frameworks/builtin-frameworks';
import { STATUS_FR, yesNo } from './french-labels';
import type { ReportData, ReportRow } from './report-data';

function anchorText(row: ReportRow): string {
  if (!row.anchor) return '';
  if (!row.anchor.frameworkCode) return row.anchor.label;
  const current = row.anchor.current;
  const name = row.anchor.frameworkCode === ISO27001_CODE ? 'ISO 27001' : row.anchor.frameworkCode;
  return current
    ? `${name} ${row.anchor.label} : ${STATUS_FR[current.status].toLowerCase()}`
    : `${name} ${row.anchor.label} : pas d’évaluation en cours`;
}

/**
 * "Rapport de conformité" (written for HDS, fit for any framework): scope (hosting activities), synthesis, then every EXI requirement by chapter with
 * its status, the status of its ISO 27001 anchor in the current ISO assessment, owner, due date and evidence;
 * overdue requirements and evidence expiring soon close the report.
 */
export async function renderHdsReportPdf(data: ReportData): Promise<Buffer> {
  const heading = `Rapport de conformité ${data.framework.name}`;
  const title = `${heading} — ${data.assessment.name}`;
  return PdfReport.render(
    {
      title,
      organisationName: data.organisationName,
      generatedAt: data.generatedAt,
    },
    (report) => {
      const { progress } = data;
      report.title(heading, data.assessment.name);
      report.fields([
        ['Organisme', data.organisationName],
        ['Référentiel', `${data.framework.name} (${data.framework.edition})`],
        ['Évaluation', data.assessment.name],
        ['Ouverte le', formatDateFr(data.assessment.createdAt)],
        ['Situation au', formatDateFr(progress.asOf)],
      ]);
      if (data.framework.activities.length > 0) {
        report.heading('Périmètre : activités d’hébergement');
        const activities = data.assessment.scope.hdsActivities ?? [];
        report.bullets(
          data.framework.activities
            .filter((a) => activities.includes(a.number))
            // For HDS, the label is the wording of art. R.1111-9 CSP (the framework holds it in French).
            .map((a) => `Activité ${a.number} — ${a.label}`),
          'Aucune activité déclarée',
        );
      }
      report.heading('Synthèse');
      report.fields([
        ['Exigences', progress.total],
        ['Applicables', progress.applicable],
        ['Mises en œuvre', progress.byStatus.implemented],
        ['En cours', progress.byStatus['in-progress']],
        ['Non commencées', progress.byStatus['not-started']],
        ['Non applicables', progress.byStatus['not-applicable']],
        [
          'Taux de mise en œuvre',
          progress.implementedShare === null ? '—' : formatPercentFr(progress.implementedShare),
        ],
        ['Exigences en retard', progress.overdue.count],
        ['Preuves expirées', progress.evidence.expired],
        [
          `Preuves expirant sous ${progress.evidence.expiringWithinDays} jours`,
          progress.evidence.expiringSoon.count,
        ],
      ]);
      report.table(
        [
          { header: 'Chapitre', width: 3 },
          { header: 'Exigences', width: 1, align: 'right' },
          { header: 'Applicables', width: 1, align: 'right' },
          { header: 'Mises en œuvre', width: 1.2, align: 'right' },
          { header: 'Taux', width: 1, align: 'right' },
        ],
        progress.byTheme.map((t) => [
          t.theme,
          t.total,
          t.applicable,
          t.byStatus.implemented,
          t.implementedShare === null ? '—' : formatPercentFr(t.implementedShare),
        ]),
      );
      const chapters = [...new Set(data.rows.map((r) => r.theme))];
      for (const chapter of chapters) {
        report.heading(chapter);
        report.table(
          [
            { header: 'Exigence', width: 1 },
            { header: 'Objet', width: 2.4 },
            { header: 'Ancrage', width: 1.5 },
            { header: 'Appl.', width: 0.65 },
            { header: 'État', width: 1.2 },
            { header: 'Responsable / échéance', width: 1.3 },
            { header: 'Justification / preuves', width: 2 },
          ],
          data.rows
            .filter((r) => r.theme === chapter)
            .map((r) => [
              r.ref,
              r.title,
              anchorText(r),
              yesNo(r.applicable),
              STATUS_FR[r.status],
              [r.ownerName, r.dueDate ? `${formatDateFr(r.dueDate)}${r.overdue ? ' (en retard)' : ''}` : null]
                .filter(Boolean)
                .join(' — '),
              [r.justification, ...r.evidence.map((e) => `${e.fileName}${e.expired ? ' (expirée)' : ''}`)]
                .filter(Boolean)
                .join(' ; '),
            ]),
        );
      }
      report.heading('Exigences en retard');
      report.bullets(
        progress.overdue.items.map(
          (i) => `${i.ref} — échéance ${formatDateFr(i.dueDate)} — ${STATUS_FR[i.status].toLowerCase()}`,
        ),
        'Aucune exigence en retard',
      );
      report.heading(`Preuves expirant dans les ${progress.evidence.expiringWithinDays} jours`);
      report.bullets(
        progress.evidence.expiringSoon.items.map(
          (e) => `${e.fileName} — expire le ${formatDateFr(e.expiresAt)} — ${e.requirementRefs.join(', ')}`,
        ),
        'Aucune preuve n’expire dans cette période',
      );
    },
  );
}
