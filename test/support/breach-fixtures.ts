import type { TestApp } from './test-app';
import { Actor, as } from './world';

/** A valid breach payload; `extra` overrides fields. */
export function breachPayload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Courriel envoyé à un mauvais destinataire',
    awareAt: '2026-03-28T10:00:00+01:00',
    description: 'Un tableau des bénéficiaires a été envoyé par erreur à un partenaire.',
    natures: ['confidentiality'],
    dataCategories: ['identity', 'social-situation'],
    approxSubjects: 120,
    ...extra,
  };
}

export async function createBreach(
  app: TestApp,
  actor: Actor,
  organisationId: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: string; version: number }> {
  const created = await app.http
    .post(`/api/v1/organisations/${organisationId}/breaches`)
    .set(as(actor))
    .send(breachPayload(extra));
  if (created.status !== 201) throw new Error(`breach: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** PATCHes a breach with its current version; returns the answer. */
export async function patchBreach(
  app: TestApp,
  actor: Actor,
  breach: { id: string; version: number },
  body: Record<string, unknown>,
) {
  const response = await app.http
    .patch(`/api/v1/breaches/${breach.id}`)
    .set(as(actor))
    .send({ version: breach.version, ...body });
  if (response.status === 200) breach.version = response.body.version;
  return response;
}
