import { formatDateFr, formatNumberFr, formatPercentFr, PdfReport } from '@vigie/documents';
import type { ApplicationSummary } from '../activities/activity-view';
import { dpiaOf } from '../activities/activity-view';
import type { ProcessingActivity } from '../activities/processing-activity.entity';
import { STATUS_LABELS } from '../data/register-labels';
import { ControllerInfo, writeActivitySheet } from './activity-sheet.pdf';

/** What the list of activities needs of each entry (no purposes, categories or recipients: kept light). */
export type ActivitySummaryRow = Pick<
  ProcessingActivity,
  | 'id'
  | 'name'
  | 'status'
  | 'reviewDate'
  | 'dpiaCriteria'
  | 'cnilListItems'
  | 'art35Cases'
  | 'specialCategories'
  | 'dataSubjects'
  | 'dpiaDecision'
>;

/**
 * The member's register as a PDF: a cover with the controller and its DPO, the list of activities with their
 * status and DPIA result, then one sheet per activity. Full entries arrive in batches from `sheets` and are
 * dropped once written, and pages are written out as they fill (`PdfReport.render`, which reads `sheets` twice:
 * once to count pages), so memory holds one batch of entries and one page at a time whatever the register's size.
 */
export async function renderRegisterPdf(
  controller: ControllerInfo,
  summaries: ActivitySummaryRow[],
  sheets: () => AsyncIterable<ProcessingActivity[]>,
  applications: Map<string, ApplicationSummary>,
  generatedAt: Date,
): Promise<Buffer> {
  const title = `Registre des activités de traitement — ${controller.name}`;
  const validated = summaries.filter((s) => s.status === 'validated').length;
  const required = summaries.filter((s) => dpiaOf(s as ProcessingActivity).required).length;

  return PdfReport.render({ title, organisationName: controller.name, generatedAt }, async (report) => {
    report.title(
      'Registre des activités de traitement',
      'Article 30.1 du règlement général sur la protection des données',
    );
    report.fields([
      ['Responsable du traitement', controller.name],
      ['Délégué à la protection des données', controller.dpoNames.join(', ') || 'Non désigné'],
      ['Date du registre', formatDateFr(generatedAt)],
      ['Nombre de traitements', formatNumberFr(summaries.length)],
      [
        'Traitements validés',
        `${formatNumberFr(validated)} (${formatPercentFr(summaries.length ? validated / summaries.length : 0)})`,
      ],
      ['Traitements pour lesquels une AIPD est requise', formatNumberFr(required)],
    ]);
    report.heading('Liste des activités de traitement');
    report.table(
      [
        { header: 'N°', width: 0.5, align: 'right' },
        { header: 'Traitement', width: 4 },
        { header: 'Statut', width: 1.2 },
        { header: 'AIPD', width: 1.3 },
        { header: 'Révision', width: 1.2 },
      ],
      summaries.map((s, index) => [
        index + 1,
        s.name,
        STATUS_LABELS[s.status],
        dpiaOf(s as ProcessingActivity).required ? 'Requise' : 'Non requise',
        s.reviewDate ? formatDateFr(s.reviewDate) : '—',
      ]),
      'Aucune activité de traitement',
    );

    let index = 0;
    for await (const batch of sheets()) {
      for (const activity of batch) {
        index += 1;
        writeActivitySheet(report, activity, controller, applications, { index });
      }
    }
  });
}

/** One activity's sheet as a PDF. */
export async function renderActivitySheetPdf(
  controller: ControllerInfo,
  activity: ProcessingActivity,
  applications: Map<string, ApplicationSummary>,
  generatedAt: Date,
): Promise<Buffer> {
  return PdfReport.render(
    { title: `Fiche de traitement — ${activity.name}`, organisationName: controller.name, generatedAt },
    (report) => writeActivitySheet(report, activity, controller, applications, { firstPage: true }),
  );
}
