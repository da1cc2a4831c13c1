import { formatDateTimeFr, PdfReport } from '@vigie/documents';
import type { AuditEventView } from './audit-events.service';

const MAX_CHANGE_TEXT = 400;

const VERBS_FR: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  generate: 'Génération',
  validate: 'Validation',
  archive: 'Archivage',
};

const ENTITIES_FR: Record<string, string> = {
  organisation: 'organisation',
  user: 'utilisateur',
  membership: 'rôle',
  'generated-document': 'document PDF',
};

/** "Modification · organisation" for `organisation.update`; unknown actions are shown as recorded. */
export function actionLabelFr(action: string, entity: string): string {
  const verb = VERBS_FR[action.split('.').pop() ?? ''];
  return verb ? `${verb} · ${ENTITIES_FR[entity] ?? entity}` : action;
}

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
      { header: 'Date', width: 1.4 },
      { header: 'Auteur', width: 1.4 },
      { header: 'Action', width: 1.6 },
      { header: 'Modifications', width: 3.4 },
    ],
    events.map((event) => [
      formatDateTimeFr(event.at),
      event.actorId ? (actors.get(event.actorId) ?? event.actorId) : 'Système',
      actionLabelFr(event.action, event.entity),
      describeChanges(event.changes),
    ]),
    'Aucun évènement enregistré',
  );
  return report.finish();
}
