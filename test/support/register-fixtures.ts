import type { TestApp } from './test-app';
import { Actor, as } from './world';

/** A complete, valid register entry; `extra` overrides fields. */
export function entryPayload(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    description: 'Instruction des demandes et suivi des dossiers',
    applicationIds: [],
    purposes: [
      {
        description: 'Instruire les demandes',
        legalBasis: 'public-task',
        legalBasisDetail: "Code de l'action sociale et des familles",
      },
    ],
    dataSubjects: ['residents'],
    dataCategories: [{ category: 'identity', retention: '5 ans après la clôture', finalFate: 'destruction' }],
    specialCategories: [],
    recipients: [{ name: 'Agents habilités', type: 'Service interne' }],
    transfers: [],
    securityMeasures: ['Habilitations revues chaque année'],
    dpiaCriteria: [],
    cnilListItems: [],
    ...extra,
  };
}

export async function createApplication(
  app: TestApp,
  admin: Actor,
  name: string,
  deployedTo: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const created = await app.http
    .post('/api/v1/applications')
    .set(as(admin))
    .send({
      name,
      domain: 'Action sociale',
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: ['Sauvegardes quotidiennes chiffrées', 'Journalisation des accès'],
      ...extra,
    });
  if (created.status !== 201)
    throw new Error(`application: ${created.status} ${JSON.stringify(created.body)}`);
  for (const organisationId of deployedTo) {
    const deployed = await app.http
      .post(`/api/v1/applications/${created.body.id}/deployments`)
      .set(as(admin))
      .send({ organisationId });
    if (deployed.status !== 201) throw new Error(`deployment: ${deployed.status}`);
  }
  return created.body;
}

export async function createEntry(
  app: TestApp,
  actor: Actor,
  organisationId: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: string; version: number }> {
  const created = await app.http
    .post(`/api/v1/organisations/${organisationId}/processing-activities`)
    .set(as(actor))
    .send(payload);
  if (created.status !== 201) throw new Error(`entry: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function countRows(app: TestApp, table: string): Promise<number> {
  return Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n);
}

/** The stored version of an entry: the version an action route (validate, archive, DPIA…) is sent with. */
export async function entryVersion(app: TestApp, id: string): Promise<number> {
  const rows = await app.dataSource.query('SELECT version FROM processing_activity WHERE id = $1', [id]);
  return rows.length ? Number(rows[0].version) : 1;
}
