import { formatDateTimeFr, PdfReport } from '@vigie/documents';
import type { AuditEventView } from './audit-events.service';

const MAX_CHANGE_TEXT = 400;

function describeChanges(changes: AuditEventView['changes']): string {
  const text = Object.entries(changes)
    .map(([field, { before, after }]) => `${field} : ${display(before)} → ${display(after)}`)
    .join(' ; ');
  return text.length > MAX_CHANGE_TEXT ? `${text.slice(0, MAX_CHANGE_TEXT)}…` : text;
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "Journal d'audit" of one organisation: every recorded change, oldest first. */
export async function renderAuditTrailPdf(
  organisationName: string,
  events: AuditEventView[],
  actors: Map<string, string>,
  generatedAt: Date,
): Promise<Buffer> {
  const title = `Journal d'audit — ${organisationName}`;
  const report = new PdfReport({ title, organisationName, generatedAt });
  report.title("Journal d'audit", `${organisationName} — ${events.length} évènement(s) enregistré(s)`);
  report.paragraph(
    'Chaque modification des données est enregistrée dans la même transaction que la modification elle-même. ' +
      "Les évènements sont chaînés par empreinte SHA-256 : toute altération d'un évènement enregistré est détectée.",
    { muted: true },
  );
  report.table(
    [
      { header: 'Date', width: 1.3 },
      { header: 'Auteur', width: 1.4 },
      { header: 'Action', width: 1.3 },
      { header: 'Modifications', width: 3.5 },
    ],
    events.map((event) => [
      formatDateTimeFr(event.at),
      event.actorId ? (actors.get(event.actorId) ?? event.actorId) : 'Système',
      event.action,
      describeChanges(event.changes),
    ]),
    'Aucun évènement enregistré',
  );
  return report.finish();
}
