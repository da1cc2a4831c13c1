import { formatDateFr, formatNumberFr, formatPercentFr, PdfReport } from '@vigie/documents';
import type { ApplicationSummary } from '../activities/activity-view';
import { dpiaOf } from '../activities/activity-view';
import type { ProcessingActivity } from '../activities/processing-activity.entity';
import { STATUS_LABELS } from '../data/register-labels';
import { ControllerInfo, writeActivitySheet } from './activity-sheet.pdf';
import { writeParty } from './controller-block';

/** Which register: the official one (validated entries only) or the working copy (drafts as well). */
export interface RegisterEdition {
  workingCopy: boolean;
}

export const OFFICIAL_REGISTER_TITLE = 'Registre des activités de traitement';
export const WORKING_COPY_TITLE = 'Registre — copie de travail';

/** The register's title, as the PDF and its record show it. */
export function registerTitle(controllerName: string, edition: RegisterEdition): string {
  return `${edition.workingCopy ? WORKING_COPY_TITLE : OFFICIAL_REGISTER_TITLE} — ${controllerName}`;
}

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
  | 'nir'
  | 'dataSubjects'
  | 'dpiaDecision'
  | 'dpiaAssessment'
>;

/**
 * The member's register as a PDF: a cover naming the controller (address, contact, legal representative, DPO
 * with contact details, or the warning « DPO non désigné »), the list of activities with their
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
  edition: RegisterEdition = { workingCopy: false },
): Promise<Buffer> {
  const title = registerTitle(controller.name, edition);
  const validated = summaries.filter((s) => s.status === 'validated').length;
  const required = summaries.filter((s) => dpiaOf(s as ProcessingActivity).required).length;

  return PdfReport.render({ title, organisationName: controller.name, generatedAt }, async (report) => {
    if (edition.workingCopy)
      report.title(
        WORKING_COPY_TITLE,
        "Article 30.1 du RGPD — comprend les fiches en brouillon, non validées : ce document n'est pas le registre officiel",
      );
    else
      report.title(
        OFFICIAL_REGISTER_TITLE,
        'Article 30.1 du règlement général sur la protection des données — fiches validées',
      );
    writeParty(report, 'Responsable du traitement', controller, { representative: true });
    report.fields([
      ['Date du registre', formatDateFr(generatedAt)],
      ['Nombre de traitements', formatNumberFr(summaries.length)],
      ...(edition.workingCopy
        ? ([
            [
              'Traitements validés',
              `${formatNumberFr(validated)} (${formatPercentFr(summaries.length ? validated / summaries.length : 0)})`,
            ],
            ['Fiches en brouillon', formatNumberFr(summaries.length - validated)],
          ] as [string, string][])
        : []),
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
