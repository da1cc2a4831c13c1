import type { DpiaFigures, RegisterFigures } from '@vigie/register';
import type { ApplicationAssurance, AssuranceAlert } from '@vigie/vendors';
import { RIGHT_LABELS_FR } from '@vigie/reference-data';
import { parisDay } from '@vigie/core';

/** The first and last instants of a calendar year in Paris (1 January is always in winter time, UTC+1). */
export function yearBounds(year: number): { start: Date; end: Date } {
  return {
    start: new Date(`${year}-01-01T00:00:00+01:00`),
    end: new Date(`${year + 1}-01-01T00:00:00+01:00`),
  };
}

/** A day (YYYY-MM-DD) in Paris. */
export { parisDay };

export type { DpiaFigures, RegisterFigures };

export interface BreachRow {
  status: string;
  riskLevel: string | null;
  notificationDeadline: Date;
  cnilNotifiedAt: Date | null;
  subjectsInformed: boolean | null;
}

export interface BreachFigures {
  total: number;
  /** Assessed as a risk or a high risk: to notify to the CNIL within 72 hours (Art. 33). */
  notifiable: number;
  notifiedInTime: number;
  notifiedLate: number;
  /** Notifiable, not notified, and the 72 hours have passed. */
  notNotifiedOverdue: number;
  notNotifiable: number;
  highRisk: number;
  subjectsInformed: number;
  stillOpen: number;
}

export function breachFigures(rows: readonly BreachRow[], now: Date): BreachFigures {
  const notifiable = rows.filter((b) => b.riskLevel === 'risk' || b.riskLevel === 'high-risk');
  return {
    total: rows.length,
    notifiable: notifiable.length,
    notifiedInTime: rows.filter((b) => b.cnilNotifiedAt && b.cnilNotifiedAt <= b.notificationDeadline).length,
    notifiedLate: rows.filter((b) => b.cnilNotifiedAt && b.cnilNotifiedAt > b.notificationDeadline).length,
    notNotifiedOverdue: notifiable.filter((b) => !b.cnilNotifiedAt && b.notificationDeadline < now).length,
    notNotifiable: rows.filter((b) => b.status === 'not-notifiable' || b.riskLevel === 'none').length,
    highRisk: rows.filter((b) => b.riskLevel === 'high-risk').length,
    subjectsInformed: rows.filter((b) => b.subjectsInformed === true).length,
    stillOpen: rows.filter((b) => b.status !== 'closed').length,
  };
}

export interface RightsRow {
  right: string;
  status: string;
  dueDate: string;
  extensionMonths: number;
  answeredAt: Date | null;
}

export interface RightsLine {
  right: string;
  label: string;
  total: number;
  /** Answered (or refused with reasons) by the due date, extension included. */
  answeredInTime: number;
  extended: number;
  /** Answered after the due date, or still open past it. */
  late: number;
  open: number;
}

const CLOSED_REQUEST = ['answered', 'refused'];

export function rightsFigures(
  rows: readonly RightsRow[],
  today: string,
): { byRight: RightsLine[]; total: RightsLine } {
  const line = (right: string, label: string, of: readonly RightsRow[]): RightsLine => ({
    right,
    label,
    total: of.length,
    answeredInTime: of.filter(
      (r) => r.answeredAt && CLOSED_REQUEST.includes(r.status) && parisDay(r.answeredAt) <= r.dueDate,
    ).length,
    extended: of.filter((r) => r.extensionMonths > 0).length,
    late: of.filter((r) =>
      r.answeredAt && CLOSED_REQUEST.includes(r.status)
        ? parisDay(r.answeredAt) > r.dueDate
        : r.dueDate < today,
    ).length,
    open: of.filter((r) => !CLOSED_REQUEST.includes(r.status)).length,
  });
  const rights = Object.keys(RIGHT_LABELS_FR);
  const byRight = [...rights, ...new Set(rows.map((r) => r.right).filter((r) => !rights.includes(r)))]
    .map((right) =>
      line(
        right,
        RIGHT_LABELS_FR[right] ?? right,
        rows.filter((r) => r.right === right),
      ),
    )
    .filter((l) => l.total > 0);
  return { byRight, total: line('all', 'Total', rows) };
}

export interface AccessReviewLine {
  application: string;
  campaigns: number;
  accounts: number;
  reviewed: number;
  kept: number;
  revoked: number;
  modified: number;
}

export interface AccessReviewFigures {
  /** Campaigns opened in the year, by application. */
  byApplication: AccessReviewLine[];
  total: AccessReviewLine;
  /** Campaigns of the member not yet closed (any year). */
  campaignsInProgress: number;
  /** Revocations and modifications decided and not yet carried out (any year). */
  remediationOpen: number;
}

export function totalLine(lines: readonly AccessReviewLine[]): AccessReviewLine {
  const sum = (key: keyof Omit<AccessReviewLine, 'application'>) => lines.reduce((n, l) => n + l[key], 0);
  return {
    application: 'Total',
    campaigns: sum('campaigns'),
    accounts: sum('accounts'),
    reviewed: sum('reviewed'),
    kept: sum('kept'),
    revoked: sum('revoked'),
    modified: sum('modified'),
  };
}

/** French labels of the vendors' assurance alerts. */
export const ASSURANCE_ALERT_LABELS: Record<AssuranceAlert, string> = {
  'no-vendor': 'Aucun éditeur renseigné',
  'no-contract': 'Aucun contrat',
  'contract-expired': 'Contrat échu',
  'missing-clauses': 'Clauses manquantes au contrat (art. 28)',
  'art28-non-compliance': 'Contrat non conforme à l’article 28.3 du RGPD',
  'no-questionnaire': 'Aucun questionnaire de sécurité',
  'questionnaire-not-accepted': 'Questionnaire de sécurité non accepté',
  'expired-certification': 'Certification expirée',
  'no-valid-hds-certificate': 'Pas de certificat HDS valide (données de santé)',
};

export interface VendorLine {
  application: string;
  vendor: string | null;
  /** The score of the latest security questionnaire (0 to 100), if reviewed. */
  questionnaireScore: number | null;
  alerts: string[];
}

export function vendorLines(assurance: readonly ApplicationAssurance[]): VendorLine[] {
  return assurance.map((a) => ({
    application: a.applicationName,
    vendor: a.vendor?.name ?? null,
    questionnaireScore: a.questionnaire?.score ?? null,
    alerts: a.alerts.map((alert) => ASSURANCE_ALERT_LABELS[alert] ?? alert),
  }));
}

export interface OpenAction {
  label: string;
  count: number;
}

/** Everything the report shows, computed once and rendered as PDF and XLSX. */
export interface AnnualReportFigures {
  organisation: { id: string; name: string; shortName: string };
  year: number;
  generatedAt: Date;
  register: RegisterFigures;
  dpia: DpiaFigures;
  breaches: BreachFigures;
  rights: { byRight: RightsLine[]; total: RightsLine };
  accessReviews: AccessReviewFigures;
  vendors: VendorLine[];
  openActions: OpenAction[];
}

/** The actions still open on the day of the report, the non-zero ones. */
export function openActions(
  figures: Omit<AnnualReportFigures, 'openActions'>,
  openRights: number,
  openBreaches: number,
): OpenAction[] {
  return [
    { label: 'Fiches du registre en brouillon, à valider', count: figures.register.byStatus.draft },
    { label: 'Fiches dont la révision est en retard', count: figures.register.overdueReviews.length },
    { label: "Analyses d'impact (AIPD) à mener", count: figures.dpia.pending.length },
    { label: "Analyses d'impact (AIPD) en cours", count: figures.dpia.inProgress },
    { label: 'Violations de données non clôturées', count: openBreaches },
    { label: "Demandes d'exercice des droits en cours", count: openRights },
    { label: 'Revues des habilitations en cours', count: figures.accessReviews.campaignsInProgress },
    {
      label: 'Retraits ou modifications de droits à appliquer',
      count: figures.accessReviews.remediationOpen,
    },
    {
      label: 'Applications dont le fournisseur appelle une action',
      count: figures.vendors.filter((v) => v.alerts.length > 0).length,
    },
  ].filter((action) => action.count > 0);
}
