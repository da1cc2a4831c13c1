import { auditedChange, scoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { DemoSeeder, DemoWorld } from '@vigie/identity';
import { ProcessingActivityLinks } from '@vigie/register';
import { EntityManager } from 'typeorm';
import { Breach } from './breaches/breach.entity';
import { BreachesService } from './breaches/breaches.service';
import { parisLocalToInstant } from './dates/deadlines';
import { IncidentsService } from './incidents/incidents.service';

const HOUR = 3_600_000;

/**
 * Demo data, after the register's: a past breach of Ivry-sur-Seine (notified to the CNIL in time, then closed)
 * and an open incident on Kiosque familles fanned out to every member using it.
 */
export class BreachesDemoSeeder implements DemoSeeder {
  readonly order = 30;
  readonly name = 'breaches and incidents';

  constructor(
    private readonly breaches: BreachesService,
    private readonly incidents: IncidentsService,
    private readonly activities: ProcessingActivityLinks,
  ) {}

  async seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld): Promise<void> {
    const applications = new Map(
      (await scoped(manager, ctx).find('Application', Application, { select: { id: true, name: true } })).map(
        (a) => [a.name, a.id],
      ),
    );
    const ivry = world.organisations.get('IVRY');
    if (ivry) await this.pastBreach(manager, ctx, ivry, applications.get('BL Social'));
    const kiosque = applications.get('Kiosque familles');
    if (kiosque) {
      const now = Date.now();
      await this.incidents.declare(
        manager,
        ctx,
        world.operatorId,
        {
          title: 'Kiosque familles : export de fichiers de facturation accessible sans authentification',
          description:
            "Un répertoire d'exports de facturation du portail Kiosque familles était accessible sans authentification " +
            "à la suite d'une mise à jour de configuration du serveur web. L'accès a été fermé dès la détection ; " +
            'les journaux sont en cours d’analyse pour établir si des fichiers ont été téléchargés.',
          awareAt: new Date(now - 20 * HOUR),
          occurredAt: new Date(now - 44 * HOUR),
          applicationIds: [kiosque],
        },
        { now: new Date(now - 18 * HOUR) },
      );
    }
  }

  private async pastBreach(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    blSocial: string | undefined,
  ): Promise<void> {
    const ccas = await this.activities.byName(
      manager,
      ctx,
      organisationId,
      "Instruction et suivi des demandes d'aide sociale (CCAS)",
    );
    const breach = await this.breaches.insert(manager, ctx, organisationId, {
      title: "Courrier de notification d'aide sociale envoyé à un mauvais destinataire",
      description:
        "Lors d'un publipostage, 37 courriers de notification de décision d'aide sociale facultative ont été " +
        "adressés à l'adresse d'un autre bénéficiaire à la suite d'un décalage dans le fichier de fusion.",
      awareAt: parisLocalToInstant('2025-10-06T09:30'),
      occurredAt: parisLocalToInstant('2025-10-03T16:00'),
      natures: ['confidentiality'],
      dataCategories: ['identity', 'economic-financial', 'social-situation'],
      subjectCategories: ['social-aid-beneficiaries'],
      approxSubjects: 37,
      approxRecords: 37,
      likelyConsequences:
        'Divulgation à des tiers de la situation sociale et financière des bénéficiaires ; atteinte à la vie privée.',
      measuresTaken:
        'Récupération des courriers auprès des destinataires, contrôle à quatre yeux des fichiers de fusion, ' +
        'rappel de la procédure aux agents du CCAS.',
      measuresPlanned: 'Génération des courriers directement depuis BL Social, sans fichier intermédiaire.',
      processingActivityIds: ccas ? [ccas.id] : [],
      applicationIds: blSocial ? [blSocial] : [],
      riskAssessment:
        'Données de situation sociale de personnes vulnérables portées à la connaissance de tiers identifiés : ' +
        'risque pour les droits et libertés, non élevé (destinataires identifiés, courriers récupérés).',
      notes: null,
    });
    // Closed after the CNIL was notified and the people informed: one audited change of the breach.
    await auditedChange(manager, ctx, {
      subject: 'Breach',
      entity: Breach,
      id: breach.id,
      label: 'Breach',
      action: 'validate',
      version: breach.version,
      audit: { action: 'breach.closed', entity: 'breach' },
      apply: (row) => {
        Object.assign(row, {
          status: 'closed',
          riskLevel: 'risk',
          assessedAt: parisLocalToInstant('2025-10-07T11:00'),
          cnilNotifiedAt: parisLocalToInstant('2025-10-08T15:20'),
          cnilReference: 'NOTIF-2025-104837',
          complementaryNotifications: [
            {
              at: parisLocalToInstant('2025-10-20T10:00').toISOString(),
              reference: 'NOTIF-2025-104837-2',
              summary: 'Confirmation de la récupération de l’ensemble des courriers.',
            },
          ],
          subjectsInformed: true,
          subjectsInformedAt: parisLocalToInstant('2025-10-09T10:00'),
          subjectsInformationMeans: 'Courrier individuel et appel téléphonique du CCAS',
          closedAt: parisLocalToInstant('2025-11-14T17:00'),
        } satisfies Partial<Breach>);
      },
    });
  }
}
