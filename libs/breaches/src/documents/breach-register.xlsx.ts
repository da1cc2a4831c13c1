import { PARIS_TIME_ZONE } from '@vigie/core';
import ExcelJS from 'exceljs';
import type { Breach } from '../breaches/breach.entity';
import { processorDelayMinutes } from '../breaches/breach-view';
import {
  BREACH_STATUS_LABELS,
  DATA_CATEGORY_LABELS,
  labelOf,
  NATURE_LABELS,
  RISK_LABELS,
  SUBJECT_CATEGORY_LABELS,
  WAIVER_LABELS,
} from './breach-labels';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Value = string | number | null;

interface Column {
  header: string;
  width: number;
  value: (breach: Breach, index: number) => Value;
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** « 28/03/2026 10:00 », Paris time: a spreadsheet cell a French reader reads as it is. */
const at = (date: Date | null | undefined): Value =>
  date ? parisDateTime.format(date).replace(',', '') : null;
const hoursBetween = (from: Date | null, to: Date | null): Value =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 360_000) / 10 : null;
const labels = (map: Record<string, string>, keys: readonly string[]) =>
  keys.map((key) => labelOf(map, key)).join(', ');

/** Text typed by users that a spreadsheet would read as a formula is kept as text. */
export function neutraliseFormula(value: Value): Value {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The register's columns: the facts, the effects, the measures, the notification and the information. */
export const BREACH_REGISTER_COLUMNS: readonly Column[] = [
  { header: 'N°', width: 6, value: (_b, index) => index + 1 },
  { header: 'Violation', width: 40, value: (b) => b.title },
  { header: 'Statut', width: 18, value: (b) => labelOf(BREACH_STATUS_LABELS, b.status) },
  { header: 'Date de survenue', width: 18, value: (b) => at(b.occurredAt) },
  { header: 'Prise de connaissance', width: 18, value: (b) => at(b.awareAt) },
  {
    header: 'Connaissance de l’incident par le sous-traitant',
    width: 18,
    value: (b) => at(b.processorAwareAt),
  },
  { header: 'Notification par le sous-traitant', width: 18, value: (b) => at(b.processorNotifiedAt) },
  {
    header: 'Délai du sous-traitant (heures)',
    width: 14,
    value: (b) => {
      const minutes = processorDelayMinutes(b);
      return minutes === null ? null : Math.round(minutes / 6) / 10;
    },
  },
  { header: 'Description des faits', width: 60, value: (b) => b.description },
  { header: 'Nature', width: 30, value: (b) => labels(NATURE_LABELS, b.natures) },
  {
    header: 'Catégories de données',
    width: 40,
    value: (b) => labels(DATA_CATEGORY_LABELS, b.dataCategories),
  },
  {
    header: 'Catégories de personnes',
    width: 30,
    value: (b) => labels(SUBJECT_CATEGORY_LABELS, b.subjectCategories),
  },
  { header: 'Nombre approximatif de personnes', width: 14, value: (b) => b.approxSubjects },
  { header: "Nombre approximatif d'enregistrements", width: 14, value: (b) => b.approxRecords },
  { header: 'Conséquences probables', width: 50, value: (b) => b.likelyConsequences },
  {
    header: 'Niveau de risque',
    width: 30,
    value: (b) => (b.riskLevel ? labelOf(RISK_LABELS, b.riskLevel) : null),
  },
  { header: 'Mesures prises', width: 50, value: (b) => b.measuresTaken },
  { header: 'Mesures envisagées', width: 50, value: (b) => b.measuresPlanned },
  { header: 'Échéance de notification (72 heures)', width: 18, value: (b) => at(b.notificationDeadline) },
  { header: 'Notification à la CNIL', width: 18, value: (b) => at(b.cnilNotifiedAt) },
  {
    header: 'Délai de notification à la CNIL (heures)',
    width: 14,
    value: (b) => hoursBetween(b.awareAt, b.cnilNotifiedAt),
  },
  { header: 'Référence de la notification', width: 20, value: (b) => b.cnilReference },
  { header: 'Motifs du retard', width: 40, value: (b) => b.notificationDelayReason },
  {
    header: 'Notifications complémentaires',
    width: 50,
    value: (b) =>
      b.complementaryNotifications
        .map((n) => `${at(new Date(n.at))}${n.reference ? ` (${n.reference})` : ''} : ${n.summary}`)
        .join('\n') || null,
  },
  { header: "Justification de l'absence de notification", width: 40, value: (b) => b.notNotifiableReason },
  {
    header: 'Personnes informées (art. 34)',
    width: 14,
    value: (b) => (b.subjectsInformed === null ? 'Non décidé' : b.subjectsInformed ? 'Oui' : 'Non'),
  },
  { header: 'Date de l’information des personnes', width: 18, value: (b) => at(b.subjectsInformedAt) },
  { header: "Moyen d'information", width: 30, value: (b) => b.subjectsInformationMeans },
  {
    header: 'Motif de la dérogation (art. 34.3)',
    width: 40,
    value: (b) => (b.waiverGround ? labelOf(WAIVER_LABELS, b.waiverGround) : null),
  },
  { header: 'Justification de la dérogation', width: 40, value: (b) => b.waiverJustification },
  { header: 'Date de la communication publique', width: 18, value: (b) => at(b.publicCommunicationAt) },
  { header: 'Moyen de la communication publique', width: 30, value: (b) => b.publicCommunicationMeans },
  { header: 'Clôture', width: 18, value: (b) => at(b.closedAt) },
  { header: 'Identifiant', width: 38, value: (b) => b.id },
];

/** The member's breach register as a workbook: one row per breach, in order of awareness. */
export async function renderBreachRegisterXlsx(breaches: readonly Breach[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigie';
  const sheet = workbook.addWorksheet('Violations', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BREACH_REGISTER_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  breaches.forEach((breach, index) => {
    const row = sheet.addRow(
      BREACH_REGISTER_COLUMNS.map((column) => neutraliseFormula(column.value(breach, index))),
    );
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
