import { randomBytes } from 'node:crypto';
import { RequestContext } from '@vigie/core';
import { breachPayload } from '../../support/breach-fixtures';
import { parisIsoDate } from '../../support/dates';
import { entryPayload } from '../../support/register-fixtures';
import type { TestApp } from '../../support/test-app';
import { Actor, as, createActor, createOrganisation, createWorld, World } from '../../support/world';
import type { MatrixRole } from './model';

const API = '/api/v1';
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const ACCOUNTS_HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';

/** A questionnaire template with one required question asking for evidence: easy to answer and submit. */
export const MATRIX_TEMPLATE = {
  name: 'Questionnaire de la matrice',
  sections: [
    {
      key: 'base',
      title: 'Base',
      questions: [
        {
          key: 'q1',
          text: 'Une PSSI existe-t-elle ?',
          type: 'yes-no',
          required: true,
          weight: 1,
          evidenceRequested: true,
        },
      ],
    },
  ],
};

export const isoDate = parisIsoDate;

/** One resource of a kind on each side: `own` (member A, the test vendor), `other` (member B, vendor 2). */
export interface Pair<T = string> {
  own: T;
  other: T;
}

/**
 * The resources every route of the matrix is called on, created through the API as their real authors would.
 * Member-owned resources exist in member A (`own`) and member B (`other`); vendor-owned ones for the world's
 * vendor (`own`) and a second vendor with its own contact (`other`); operator-owned ones that concern a member
 * or vendor (contracts, incidents, register templates) are linked to A / the test vendor (`own`) or to B /
 * vendor 2 (`other`). Destructive routes get fresh resources from the `fresh*` factories.
 */
export class MatrixFixtures {
  world!: World;
  vendor2!: { id: string; name: string };
  contact2!: Actor;
  /** A user with no role, given roles and stripped of them by the membership routes. */
  spare!: { id: string };
  /** A user given roles by the membership creation route. */
  joiner!: { id: string };
  /** The spare user's role in the operator, member A, the test vendor and member B, by organisation id. */
  spareMemberships!: Record<string, string>;
  actors!: Record<Exclude<MatrixRole, 'anonymous'>, Actor>;
  contexts!: Record<MatrixRole, RequestContext>;

  application!: Pair;
  deployment!: Pair;
  registerTemplate!: Pair;
  activity!: Pair;
  activityFromTemplate!: Pair;
  /** Entries whose screening requires a DPIA (what the DPO's reasoned decision is about). */
  dpiaActivity!: Pair;
  /** A register file of two new entries, laid out like the export (each import creates drafts). */
  registerImport!: Buffer;
  document!: Pair;
  breach!: Pair;
  incident!: Pair;
  rightsRequest!: Pair;
  profile!: Pair;
  contract!: Pair;
  questionnaire!: Pair;
  attachment!: Pair;
  openReview!: Pair;
  /** Items of the open campaigns: in A one assigned to the editor and one to the reader; in B to its DPO. */
  items!: { editorA: string; readerA: string; other: string };
  draftReview!: Pair;
  decidedReview!: Pair;
  closedReview!: Pair;
  remediationTask!: Pair;
  questionnaireTemplateId!: string;
  assessmentId!: string;
  requirementIds!: string[];
  evidenceId!: string;

  constructor(readonly app: TestApp) {}

  private async call(
    actor: Actor,
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: unknown,
    status = method === 'post' ? 201 : 200,
  ) {
    const request = this.app.http[method](`${API}${path}`).set(as(actor));
    const response = await (body === undefined ? request : request.send(body as object));
    if (response.status !== status)
      throw new Error(`${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async build(): Promise<this> {
    const world = (this.world = await createWorld(this.app));
    const so = world.securityOfficer;
    this.vendor2 = await createOrganisation(this.app, world.admin, 'vendor', 'Second Éditeur');
    this.contact2 = await createActor(
      this.app,
      world.admin,
      [{ organisationId: this.vendor2.id, role: 'vendor-contact' }],
      'vendor-2',
    );
    this.spare = await this.call(world.admin, 'post', '/users', {
      email: `spare.${randomBytes(4).toString('hex')}@example.test`,
      displayName: 'Compte de réserve',
      password: 'correct-horse-battery',
    });
    this.joiner = await this.call(world.admin, 'post', '/users', {
      email: `joiner.${randomBytes(4).toString('hex')}@example.test`,
      displayName: 'Nouvel agent',
      password: 'correct-horse-battery',
    });
    this.spareMemberships = {};
    for (const [organisationId, role] of [
      [world.operatorId, 'auditor'],
      [world.memberA.id, 'reader'],
      [world.vendor.id, 'vendor-contact'],
      [world.memberB.id, 'reader'],
    ]) {
      const membership = await this.call(
        world.admin,
        'post',
        `/organisations/${organisationId}/memberships`,
        {
          userId: this.spare.id,
          role,
        },
      );
      this.spareMemberships[organisationId] = membership.id;
    }
    this.actors = {
      admin: world.admin,
      'security-officer': so,
      auditor: world.auditor,
      dpo: world.dpoA,
      editor: world.editorA,
      reader: world.readerA,
      'vendor-contact': world.vendorContact,
    };
    const contexts: Partial<Record<MatrixRole, RequestContext>> = { anonymous: RequestContext.anonymous() };
    for (const [role, actor] of Object.entries(this.actors)) {
      const me = await this.call(actor, 'get', '/auth/me');
      contexts[role as MatrixRole] = new RequestContext(`matrix-${role}`, {
        userId: me.id,
        email: me.email,
        displayName: me.displayName,
        memberships: me.memberships,
      });
    }
    this.contexts = contexts as Record<MatrixRole, RequestContext>;

    // Catalog and register.
    const appA = await this.freshApplication(world.memberA.id, world.vendor.id);
    const appB = await this.freshApplication(world.memberB.id, this.vendor2.id);
    this.application = { own: appA.id, other: appB.id };
    this.deployment = { own: appA.deploymentId, other: appB.deploymentId };
    const tplA = await this.call(so, 'post', `/applications/${appA.id}/register-templates`, {
      ...entryPayload('Modèle A'),
      applicationIds: undefined,
    });
    const tplB = await this.call(so, 'post', `/applications/${appB.id}/register-templates`, {
      ...entryPayload('Modèle B'),
      applicationIds: undefined,
    });
    this.registerTemplate = { own: tplA.id, other: tplB.id };
    this.activity = {
      own: (await this.freshActivity('own')).id,
      other: (await this.freshActivity('other')).id,
    };
    this.activityFromTemplate = {
      own: (
        await this.call(
          world.editorA,
          'post',
          `/organisations/${world.memberA.id}/processing-activities/from-template/${tplA.id}`,
          {},
        )
      ).id,
      other: (
        await this.call(
          world.dpoB,
          'post',
          `/organisations/${world.memberB.id}/processing-activities/from-template/${tplB.id}`,
          {},
        )
      ).id,
    };
    const dpiaCriteria = ['vulnerable-subjects', 'matching-datasets'];
    this.dpiaActivity = {
      own: (await this.freshActivity('own', { dpiaCriteria })).id,
      other: (await this.freshActivity('other', { dpiaCriteria })).id,
    };
    this.registerImport = Buffer.from(
      `\uFEFF${[
        "Nom du traitement;Description;Applications;Finalités et bases légales;Personnes concernées;Catégories de données;Données sensibles;Destinataires;Transferts hors de l'UE;Mesures de sécurité;Critères AIPD (WP248);Liste CNIL des traitements soumis à AIPD;Cas de l’article 35.3;Date de révision",
        "Annuaire des agents;;;Gérer l'annuaire | Exécution d'un contrat;staff;identity | | durée de l'emploi | destruction;;;;;;;;",
      ].join('\r\n')}`,
      'utf8',
    );
    // A generated record of each member (the register PDF).
    await this.download(world.dpoA, `/organisations/${world.memberA.id}/register.pdf`);
    await this.download(world.dpoB, `/organisations/${world.memberB.id}/register.pdf`);
    this.document = {
      own: (await this.call(world.dpoA, 'get', '/documents')).items[0].id,
      other: (await this.call(world.dpoB, 'get', '/documents')).items[0].id,
    };

    // Breaches, incidents, rights requests.
    this.breach = {
      own: (
        await this.call(world.editorA, 'post', `/organisations/${world.memberA.id}/breaches`, breachPayload())
      ).id,
      other: (
        await this.call(world.dpoB, 'post', `/organisations/${world.memberB.id}/breaches`, breachPayload())
      ).id,
    };
    this.incident = {
      own: (await this.call(so, 'post', '/incidents', this.incidentPayload('own'))).id,
      other: (await this.call(so, 'post', '/incidents', this.incidentPayload('other'))).id,
    };
    this.rightsRequest = {
      own: (
        await this.call(
          world.editorA,
          'post',
          `/organisations/${world.memberA.id}/rights-requests`,
          this.rightsRequestPayload(),
        )
      ).id,
      other: (
        await this.call(
          world.dpoB,
          'post',
          `/organisations/${world.memberB.id}/rights-requests`,
          this.rightsRequestPayload(),
        )
      ).id,
    };

    // Certification: the operator's single assessment, two requirement assessments, one evidence.
    const assessment = await this.call(so, 'post', '/assessments', {
      frameworkCode: 'iso27001-2022',
      name: 'ISO 27001 — matrice',
    });
    this.assessmentId = assessment.id;
    const requirements = await this.call(so, 'get', `/assessments/${assessment.id}/requirements?pageSize=10`);
    this.requirementIds = requirements.items.map((r: { id: string }) => r.id);
    const evidence = await this.app.http
      .post(`${API}/assessments/${assessment.id}/requirements/${this.requirementIds[0]}/evidence`)
      .set(as(so))
      .field('effectiveDate', isoDate(-30))
      .attach('file', MINIMAL_PDF, 'pssi.pdf');
    if (evidence.status !== 201)
      throw new Error(`evidence: ${evidence.status} ${JSON.stringify(evidence.body)}`);
    this.evidenceId = evidence.body.id;

    // Vendors.
    for (const vendorId of [world.vendor.id, this.vendor2.id]) {
      await this.call(
        so,
        'put',
        `/vendors/${vendorId}/profile`,
        { ...this.profilePayload(), version: 0 },
        200,
      );
    }
    this.profile = { own: world.vendor.id, other: this.vendor2.id };
    this.contract = {
      own: (await this.call(so, 'post', '/contracts', this.contractPayload('own'))).id,
      other: (await this.call(so, 'post', '/contracts', this.contractPayload('other'))).id,
    };
    this.questionnaireTemplateId = (
      await this.call(so, 'post', '/questionnaire-templates', MATRIX_TEMPLATE)
    ).id;
    const qA = await this.freshQuestionnaire('own');
    const qB = await this.freshQuestionnaire('other');
    this.questionnaire = { own: qA, other: qB };
    this.attachment = {
      own: await this.attach(world.vendorContact, qA),
      other: await this.attach(this.contact2, qB),
    };
    for (const id of [qA, qB]) {
      await this.call(so, 'post', `/questionnaires/${id}/comments`, { questionKey: 'q1', body: 'Merci.' });
    }

    // Access reviews: each member's directory of agents holds the fixture accounts' people (no orphan).
    for (const side of ['own', 'other'] as const) {
      const directory = await this.app.http
        .post(`${API}/organisations/${this.memberOf(side)}/agent-directory`)
        .set(as(so))
        .set('Content-Type', 'text/csv')
        .send(this.agentsCsv());
      if (directory.status !== 200) throw new Error(`agent directory: ${directory.status}`);
    }
    const openA = await this.freshCampaign('own', 'open');
    const openB = await this.freshCampaign('other', 'open');
    this.openReview = { own: openA.id, other: openB.id };
    this.items = { editorA: openA.items.editor, readerA: openA.items.reader, other: openB.items.dpo };
    this.draftReview = {
      own: (await this.freshCampaign('own', 'draft')).id,
      other: (await this.freshCampaign('other', 'draft')).id,
    };
    this.decidedReview = {
      own: (await this.freshCampaign('own', 'decided')).id,
      other: (await this.freshCampaign('other', 'decided')).id,
    };
    const closedA = await this.freshCampaign('own', 'closed');
    const closedB = await this.freshCampaign('other', 'closed');
    this.closedReview = { own: closedA.id, other: closedB.id };
    this.remediationTask = { own: closedA.taskId!, other: closedB.taskId! };
    // The checkpoint list reads a file outside the database: one checkpoint, so that it answers a page.
    await this.call(world.admin, 'post', '/audit-checkpoints', { reason: 'Matrice des autorisations' });
    return this;
  }

  memberOf(side: 'own' | 'other'): string {
    return side === 'own' ? this.world.memberA.id : this.world.memberB.id;
  }

  vendorOf(side: 'own' | 'other'): string {
    return side === 'own' ? this.world.vendor.id : this.vendor2.id;
  }

  /** The member's own DPO: the author of member-owned fixtures. */
  dpoOf(side: 'own' | 'other'): Actor {
    return side === 'own' ? this.world.dpoA : this.world.dpoB;
  }

  contactOf(side: 'own' | 'other'): Actor {
    return side === 'own' ? this.world.vendorContact : this.contact2;
  }

  /** Current version of a row (bodies carry the version last read). */
  async version(table: string, id: string): Promise<number> {
    const rows = await this.app.dataSource.query(`SELECT version FROM "${table}" WHERE id = $1`, [id]);
    return rows.length ? Number(rows[0].version) : 0;
  }

  async download(actor: Actor, path: string): Promise<Buffer> {
    const response = await this.app.http
      .get(`${API}${path}`)
      .set(as(actor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return response.body as Buffer;
  }

  async freshApplication(memberId: string, vendorId?: string): Promise<{ id: string; deploymentId: string }> {
    const so = this.world.securityOfficer;
    const created = await this.call(so, 'post', '/applications', this.applicationPayload(vendorId));
    const deployment = await this.call(so, 'post', `/applications/${created.id}/deployments`, {
      organisationId: memberId,
    });
    return { id: created.id, deploymentId: deployment.id };
  }

  applicationPayload(vendorId?: string): Record<string, unknown> {
    return {
      name: `Logiciel ${randomBytes(3).toString('hex')}`,
      domain: 'Action sociale',
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: ['Sauvegardes quotidiennes chiffrées'],
      ...(vendorId ? { vendorId } : {}),
    };
  }

  async freshActivity(side: 'own' | 'other', extra: Record<string, unknown> = {}): Promise<{ id: string }> {
    return this.call(
      this.dpoOf(side),
      'post',
      `/organisations/${this.memberOf(side)}/processing-activities`,
      entryPayload(`Traitement ${randomBytes(3).toString('hex')}`, {
        applicationIds: [side === 'own' ? this.application.own : this.application.other],
        ...extra,
      }),
    );
  }

  incidentPayload(side: 'own' | 'other'): Record<string, unknown> {
    return {
      applicationIds: [this.application[side]],
      title: 'Accès non autorisé au serveur applicatif',
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
      description: 'Un compte de service a été utilisé depuis une adresse inconnue.',
    };
  }

  rightsRequestPayload(): Record<string, unknown> {
    return {
      right: 'access',
      requesterName: 'Mme Dupont',
      requesterContact: 'dupont@example.test',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      receivedChannel: 'email',
    };
  }

  profilePayload(): Record<string, unknown> {
    return {
      address: '1 rue de la Paix, 75002 Paris',
      certifications: [
        { kind: 'iso27001', reference: 'ISO-1', validFrom: '2024-01-01', validUntil: '2099-12-31' },
      ],
      dataLocations: ['FR'],
      subProcessors: [{ name: 'OVHcloud', service: 'Hébergement', country: 'FR' }],
    };
  }

  contractPayload(side: 'own' | 'other'): Record<string, unknown> {
    return {
      vendorId: this.vendorOf(side),
      applicationIds: [this.application[side]],
      reference: `MAPA-${randomBytes(3).toString('hex')}`,
      startDate: '2025-01-01',
    };
  }

  /** A questionnaire sent to the side's vendor; `answered`: its required question answered; `submitted` too. */
  async freshQuestionnaire(
    side: 'own' | 'other',
    state: 'sent' | 'answered' | 'submitted' = 'sent',
  ): Promise<string> {
    const sent = await this.call(this.world.securityOfficer, 'post', '/questionnaires', {
      templateId: this.questionnaireTemplateId,
      vendorId: this.vendorOf(side),
      dueDate: isoDate(30),
    });
    if (state === 'sent') return sent.id;
    const contact = this.contactOf(side);
    await this.call(
      contact,
      'put',
      `/questionnaires/${sent.id}/answers`,
      {
        answers: [{ questionKey: 'q1', value: 'yes' }],
        version: await this.version('questionnaire', sent.id),
      },
      200,
    );
    await this.attach(contact, sent.id);
    if (state === 'answered') return sent.id;
    await this.call(
      contact,
      'post',
      `/questionnaires/${sent.id}/submit`,
      { version: await this.version('questionnaire', sent.id) },
      200,
    );
    return sent.id;
  }

  async attach(contact: Actor, questionnaireId: string): Promise<string> {
    const attached = await this.app.http
      .post(`${API}/questionnaires/${questionnaireId}/answers/q1/attachments`)
      .set(as(contact))
      .set('If-Match', String(await this.version('questionnaire', questionnaireId)))
      .attach('file', MINIMAL_PDF, 'pssi.pdf');
    if (attached.status !== 201)
      throw new Error(`attachment: ${attached.status} ${JSON.stringify(attached.body)}`);
    return attached.body.id;
  }

  campaignPayload(side: 'own' | 'other'): Record<string, unknown> {
    return {
      organisationId: this.memberOf(side),
      applicationId: this.application[side],
      name: 'Revue des accès',
      dueDate: isoDate(30),
    };
  }

  /** The accounts of a campaign: in A assigned to the editor, the reader and the DPO; in B to its DPO. */
  accountsCsv(side: 'own' | 'other'): string {
    const w = this.world;
    const reviewers =
      side === 'own'
        ? { editor: w.editorA.email, reader: w.readerA.email, dpo: w.dpoA.email }
        : { editor: w.dpoB.email, reader: w.dpoB.email, dpo: w.dpoB.email };
    return [
      ACCOUNTS_HEADER,
      `a.editor,Agent un,a1@example.test,user,${isoDate(-3)},${reviewers.editor}`,
      `a.reader,Agent deux,a2@example.test,user,${isoDate(-3)},${reviewers.reader}`,
      `a.dpo,Agent trois,a3@example.test,user,${isoDate(-3)},${reviewers.dpo}`,
    ].join('\n');
  }

  /** A directory of agents holding the people of {@link accountsCsv}, all active. */
  agentsCsv(): string {
    return [
      'email,displayName,status',
      'a1@example.test,Agent un,active',
      'a2@example.test,Agent deux,active',
      'a3@example.test,Agent trois,active',
    ].join('\n');
  }

  /**
   * A campaign of the side's member in the given state: `draft` with accounts, `open`, `decided` (open, every
   * account decided), `closed` (one account revoked, hence one remediation task).
   */
  async freshCampaign(
    side: 'own' | 'other',
    state: 'draft' | 'open' | 'decided' | 'closed',
  ): Promise<{ id: string; items: Record<'editor' | 'reader' | 'dpo', string>; taskId?: string }> {
    const so = this.world.securityOfficer;
    const campaign = await this.call(so, 'post', '/access-reviews', this.campaignPayload(side));
    const imported = await this.app.http
      .post(`${API}/access-reviews/${campaign.id}/accounts`)
      .set(as(so))
      .set('If-Match', String(campaign.version))
      .set('Content-Type', 'text/csv')
      .send(this.accountsCsv(side));
    if (imported.status !== 200 || imported.body.rejected.length)
      throw new Error(`accounts: ${imported.status} ${JSON.stringify(imported.body)}`);
    const list = await this.call(so, 'get', `/access-reviews/${campaign.id}/items?pageSize=50`);
    const byName = (username: string) =>
      list.items.find((item: { username: string }) => item.username === username).id as string;
    const items = { editor: byName('a.editor'), reader: byName('a.reader'), dpo: byName('a.dpo') };
    if (state === 'draft') return { id: campaign.id, items };
    await this.call(
      so,
      'post',
      `/access-reviews/${campaign.id}/open`,
      { version: await this.version('access_review', campaign.id) },
      200,
    );
    const dpo = this.dpoOf(side);
    if (state === 'open') {
      // One decision each, so that every account has a history (decisions stay open to change).
      for (const itemId of Object.values(items)) {
        await this.call(
          dpo,
          'post',
          `/access-reviews/${campaign.id}/items/${itemId}/decision`,
          { decision: 'keep', version: await this.version('access_review_item', itemId) },
          200,
        );
      }
      return { id: campaign.id, items };
    }
    for (const [name, itemId] of Object.entries(items)) {
      const decision = name === 'dpo' ? { decision: 'revoke', reason: 'Agent parti' } : { decision: 'keep' };
      const version = await this.version('access_review_item', itemId);
      await this.call(
        dpo,
        'post',
        `/access-reviews/${campaign.id}/items/${itemId}/decision`,
        { ...decision, version },
        200,
      );
    }
    if (state === 'decided') return { id: campaign.id, items };
    await this.call(
      so,
      'post',
      `/access-reviews/${campaign.id}/close`,
      { version: await this.version('access_review', campaign.id) },
      200,
    );
    const tasks = await this.call(so, 'get', `/remediation-tasks?accessReviewId=${campaign.id}`);
    return { id: campaign.id, items, taskId: tasks.items[0].id };
  }

  /** A link of the evidence to a second requirement assessment (what the unlink route removes). */
  async freshEvidenceLink(): Promise<{ evidenceId: string; requirementAssessmentId: string }> {
    const target = this.requirementIds[1 + Math.floor(Math.random() * (this.requirementIds.length - 1))];
    const evidence = await this.app.http
      .post(`${API}/assessments/${this.assessmentId}/requirements/${this.requirementIds[0]}/evidence`)
      .set(as(this.world.securityOfficer))
      .field('effectiveDate', isoDate(-30))
      .attach('file', MINIMAL_PDF, 'charte.pdf');
    await this.call(this.world.securityOfficer, 'post', `/evidence/${evidence.body.id}/links`, {
      requirementAssessmentId: target,
      version: evidence.body.version,
    });
    return { evidenceId: evidence.body.id, requirementAssessmentId: target };
  }

  /** A role of a new user in `organisationId` (what the removal route removes). */
  async freshMembership(organisationId: string, role: string): Promise<string> {
    const user = await this.call(this.world.admin, 'post', '/users', {
      email: `removable.${randomBytes(4).toString('hex')}@example.test`,
      displayName: 'Compte à retirer',
      password: 'correct-horse-battery',
    });
    const created = await this.call(
      this.world.admin,
      'post',
      `/organisations/${organisationId}/memberships`,
      {
        userId: user.id,
        role,
      },
    );
    return created.id;
  }
}
