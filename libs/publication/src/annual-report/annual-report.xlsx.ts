import ExcelJS from 'exceljs';
import type { AnnualReportFigures } from './annual-report-figures';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
}

/** The figures of the annual report as a workbook: a summary sheet and one sheet per table. */
export async function renderAnnualReportXlsx(f: AnnualReportFigures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigie';
  workbook.created = f.generatedAt;
  const y = f.year;
  sheet(
    workbook,
    'Synthèse',
    [
      { header: 'Rubrique', width: 32 },
      { header: 'Indicateur', width: 60 },
      { header: 'Valeur', width: 12 },
    ],
    [
      ['Structure', 'Nom', f.organisation.name],
      ['Structure', 'Année', y],
      ['Registre', 'Fiches validées', f.register.byStatus.validated],
      ['Registre', 'Fiches en brouillon', f.register.byStatus.draft],
      ['Registre', 'Fiches archivées', f.register.byStatus.archived],
      ['Registre', `Fiches créées en ${y}`, f.register.createdInYear],
      ['Registre', `Fiches validées en ${y}`, f.register.validatedInYear],
      ['Registre', `Fiches revues et validées à nouveau en ${y}`, f.register.reviewedInYear],
      ['Registre', 'Révisions en retard', f.register.overdueReviews.length],
      ['AIPD', 'Traitements examinés', f.dpia.screened],
      ['AIPD', 'AIPD requises', f.dpia.required],
      ['AIPD', 'AIPD réalisées', f.dpia.carriedOut],
      ['AIPD', 'AIPD en cours', f.dpia.inProgress],
      ['AIPD', 'AIPD écartées par décision motivée', f.dpia.decidedNotCarriedOut],
      ['AIPD', 'AIPD restant à mener', f.dpia.pending.length],
      ['Violations', `Violations constatées en ${y}`, f.breaches.total],
      ['Violations', 'À notifier à la CNIL', f.breaches.notifiable],
      ['Violations', 'Notifiées dans les 72 heures', f.breaches.notifiedInTime],
      ['Violations', 'Notifiées après 72 heures', f.breaches.notifiedLate],
      ['Violations', 'À notifier, délai dépassé', f.breaches.notNotifiedOverdue],
      ['Violations', 'Non notifiables', f.breaches.notNotifiable],
      ['Violations', 'Risque élevé', f.breaches.highRisk],
      ['Violations', 'Personnes concernées informées', f.breaches.subjectsInformed],
      ['Droits', `Demandes reçues en ${y}`, f.rights.total.total],
      ['Droits', 'Traitées dans le délai', f.rights.total.answeredInTime],
      ['Droits', 'Prolongées', f.rights.total.extended],
      ['Droits', 'En retard', f.rights.total.late],
      ['Droits', 'En cours', f.rights.total.open],
      ['Habilitations', `Revues ouvertes en ${y}`, f.accessReviews.total.campaigns],
      ['Habilitations', 'Comptes examinés', f.accessReviews.total.reviewed],
      ['Habilitations', 'Comptes retirés', f.accessReviews.total.revoked],
      ['Habilitations', 'Retraits ou modifications restant à appliquer', f.accessReviews.remediationOpen],
      ['Fournisseurs', 'Applications suivies', f.vendors.length],
      [
        'Fournisseurs',
        'Applications avec un point d’attention',
        f.vendors.filter((v) => v.alerts.length > 0).length,
      ],
    ],
  );
  sheet(
    workbook,
    'Droits',
    [
      { header: 'Droit exercé', width: 50 },
      { header: 'Reçues', width: 10 },
      { header: 'Dans le délai', width: 14 },
      { header: 'Prolongées', width: 12 },
      { header: 'En retard', width: 12 },
      { header: 'En cours', width: 12 },
    ],
    [...f.rights.byRight, f.rights.total].map((l) => [
      l.label,
      l.total,
      l.answeredInTime,
      l.extended,
      l.late,
      l.open,
    ]),
  );
  sheet(
    workbook,
    'Habilitations',
    [
      { header: 'Application', width: 36 },
      { header: 'Revues', width: 10 },
      { header: 'Comptes', width: 10 },
      { header: 'Examinés', width: 10 },
      { header: 'Maintenus', width: 10 },
      { header: 'Retirés', width: 10 },
      { header: 'Modifiés', width: 10 },
    ],
    [...f.accessReviews.byApplication, f.accessReviews.total].map((l) => [
      l.application,
      l.campaigns,
      l.accounts,
      l.reviewed,
      l.kept,
      l.revoked,
      l.modified,
    ]),
  );
  sheet(
    workbook,
    'Fournisseurs',
    [
      { header: 'Application', width: 36 },
      { header: 'Éditeur', width: 30 },
      { header: 'Score du questionnaire', width: 20 },
      { header: 'Points d’attention', width: 70 },
    ],
    f.vendors.map((v) => [v.application, v.vendor, v.questionnaireScore, v.alerts.join(' ; ')]),
  );
  sheet(
    workbook,
    'Actions',
    [
      { header: 'Action restant à mener', width: 60 },
      { header: 'Nombre', width: 10 },
    ],
    f.openActions.map((a) => [a.label, a.count]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
