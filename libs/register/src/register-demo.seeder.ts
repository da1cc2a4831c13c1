import { scoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { DemoSeeder, DemoWorld } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { ActivityContent, NirUse } from './activities/activity-content';
import { DpiaAssessment } from './activities/dpia-assessment';
import { ActivityChanges } from './activities/activity-changes.service';
import { ActivityWorkflow } from './activities/activity-workflow.service';

type SampleEntry = Omit<
  ActivityContent,
  'applicationIds' | 'reviewDate' | 'art35Cases' | 'description' | 'cnilExemptionItem' | 'nir'
> & {
  description: string;
  nir?: NirUse;
  applications: string[];
  /** The DPIA the CCAS carried out (the screening requires one), recorded before the validation. */
  dpiaAssessment?: Omit<DpiaAssessment, 'recordedAt' | 'recordedBy'>;
  validated: boolean;
};

const MAIRIE_MEASURES = [
  'Habilitations nominatives revues chaque année par le chef de service',
  'Dossiers papier conservés dans des armoires fermées à clé',
  'Sensibilisation des agents à la confidentialité',
];

/** Sample entries of the shared demo DPO's members (Ivry-sur-Seine and Villejuif). */
const SAMPLES: Record<string, SampleEntry[]> = {
  IVRY: [
    {
      name: "Instruction et suivi des demandes d'aide sociale (CCAS)",
      description:
        "Instruction des demandes d'aide sociale légale et facultative, accompagnement des personnes et versement des aides par le CCAS.",
      applications: ['BL Social'],
      purposes: [
        {
          description: "Instruire les demandes d'aide sociale légale et facultative",
          legalBasis: 'public-task',
          legalBasisDetail: "Code de l'action sociale et des familles, art. L. 123-5 et R. 123-1",
        },
        {
          description: 'Verser les aides accordées et suivre leur utilisation',
          legalBasis: 'legal-obligation',
          legalBasisDetail:
            'Décret n° 2012-1246 du 7 novembre 2012 relatif à la gestion budgétaire et comptable publique',
        },
      ],
      dataSubjects: ['social-aid-beneficiaries', 'residents'],
      dataCategories: [
        { category: 'identity', retention: '5 ans après la dernière aide', finalFate: 'sorting' },
        {
          category: 'economic-financial',
          description: 'Ressources, charges, coordonnées bancaires',
          retention: '10 ans (pièces comptables)',
          finalFate: 'destruction',
        },
        { category: 'social-situation', retention: '5 ans après la dernière aide', finalFate: 'sorting' },
      ],
      specialCategories: [{ category: 'health', condition: '9.2.h' }],
      nir: {
        used: true,
        legalGround: 'decret-2019-341',
        reference:
          "Tableau annexé, sphère de la protection sociale : instruction des demandes et versement des prestations d'aide sociale",
      },
      recipients: [
        { name: 'Agents habilités du CCAS', type: 'Service interne' },
        { name: "Caisse d'allocations familiales du Val-de-Marne", type: 'Organisme public' },
        { name: 'Trésorerie municipale', type: 'Comptable public' },
      ],
      transfers: [],
      securityMeasures: MAIRIE_MEASURES,
      dpiaCriteria: ['large-scale'],
      cnilListItems: ['social-support'],
      dpiaAssessment: {
        status: 'done',
        startedAt: '2026-03-02',
        completedAt: '2026-05-29',
        reference: 'AIPD CCAS-2026-01, version 1.1',
        residualRisk: 'low',
        priorConsultation: false,
        conclusion:
          'Risques ramenés à un niveau faible par le cloisonnement des dossiers, la journalisation des consultations et la revue annuelle des habilitations.',
        recordedByName: null,
      },
      validated: true,
    },
    {
      name: 'Prêts de documents de la médiathèque',
      description: 'Inscription des lecteurs, prêts et retours de documents, relances.',
      applications: [],
      purposes: [
        {
          description: 'Gérer les inscriptions, les prêts et les retours de documents',
          legalBasis: 'public-task',
          legalBasisDetail:
            'Code du patrimoine, art. L. 310-1 (bibliothèques des collectivités territoriales)',
        },
      ],
      dataSubjects: ['residents', 'children'],
      dataCategories: [
        { category: 'identity', retention: "1 an après la fin de l'inscription", finalFate: 'destruction' },
        {
          category: 'personal-life',
          description: 'Historique des prêts',
          retention: '4 mois après le retour',
          finalFate: 'destruction',
        },
      ],
      specialCategories: [],
      recipients: [{ name: 'Agents de la médiathèque', type: 'Service interne' }],
      transfers: [],
      securityMeasures: ['Accès au logiciel de prêt par identifiant personnel'],
      dpiaCriteria: [],
      cnilListItems: [],
      validated: true,
    },
    {
      name: 'Tenue des listes électorales',
      description:
        'Inscriptions, radiations et commission de contrôle, en lien avec le répertoire électoral unique.',
      applications: [],
      purposes: [
        {
          description: 'Tenir les listes électorales et organiser les scrutins',
          legalBasis: 'legal-obligation',
          legalBasisDetail: 'Code électoral, art. L. 16 et suivants',
        },
      ],
      dataSubjects: ['electors'],
      dataCategories: [
        {
          category: 'identity',
          retention: 'Durée de l’inscription sur la liste',
          finalFate: 'public-archives',
        },
      ],
      specialCategories: [],
      recipients: [
        {
          name: 'Institut national de la statistique et des études économiques (REU)',
          type: 'Organisme public',
        },
        { name: 'Candidats et partis (communication de la liste)', type: 'Tiers autorisé par la loi' },
      ],
      transfers: [],
      securityMeasures: MAIRIE_MEASURES,
      dpiaCriteria: ['large-scale'],
      cnilListItems: [],
      validated: false,
    },
  ],
  VILLEJUIF: [
    {
      name: 'Suivi du courrier entrant et sortant',
      description: 'Enregistrement, numérisation et distribution du courrier adressé à la ville.',
      applications: ['ELISE'],
      purposes: [
        {
          description: 'Enregistrer et suivre le traitement du courrier',
          legalBasis: 'public-task',
          legalBasisDetail:
            "Code des relations entre le public et l'administration, art. L. 112-3 (accusé de réception des demandes)",
        },
      ],
      dataSubjects: ['residents', 'service-users'],
      dataCategories: [{ category: 'identity', retention: '2 ans après la réponse', finalFate: 'sorting' }],
      specialCategories: [],
      recipients: [{ name: 'Services municipaux destinataires du courrier', type: 'Service interne' }],
      transfers: [],
      securityMeasures: ['Droits de consultation limités au service destinataire'],
      dpiaCriteria: [],
      cnilListItems: [],
      validated: true,
    },
    {
      name: "Instruction des autorisations d'urbanisme",
      description: "Permis de construire, déclarations préalables et certificats d'urbanisme.",
      applications: ['WebDoss'],
      purposes: [
        {
          description: "Instruire les demandes d'autorisation d'urbanisme",
          legalBasis: 'legal-obligation',
          legalBasisDetail: "Code de l'urbanisme",
        },
      ],
      dataSubjects: ['residents'],
      dataCategories: [
        {
          category: 'identity',
          retention: 'Durée de validité de l’autorisation + 10 ans',
          finalFate: 'public-archives',
        },
        {
          category: 'economic-financial',
          description: 'Taxe d’aménagement',
          retention: '10 ans',
          finalFate: 'destruction',
        },
      ],
      specialCategories: [],
      recipients: [{ name: 'Direction départementale des territoires', type: 'Organisme public' }],
      transfers: [],
      securityMeasures: [],
      dpiaCriteria: [],
      cnilListItems: [],
      validated: true,
    },
    {
      name: 'Demandes de logement social',
      description: 'Enregistrement des demandes, proposition de candidats aux commissions d’attribution.',
      applications: [],
      purposes: [
        {
          description: 'Enregistrer et instruire les demandes de logement social',
          legalBasis: 'legal-obligation',
          legalBasisDetail: 'Code de la construction et de l’habitation, art. L. 441-2-1',
        },
      ],
      dataSubjects: ['housing-applicants'],
      dataCategories: [
        { category: 'identity', retention: 'Durée de la demande + 1 an', finalFate: 'destruction' },
        { category: 'economic-financial', retention: 'Durée de la demande + 1 an', finalFate: 'destruction' },
        {
          category: 'personal-life',
          description: 'Composition du foyer',
          retention: 'Durée de la demande + 1 an',
          finalFate: 'destruction',
        },
      ],
      specialCategories: [{ category: 'health', condition: '9.2.g' }],
      recipients: [
        { name: 'Bailleurs sociaux du territoire', type: 'Organisme public' },
        { name: 'Système national d’enregistrement (SNE)', type: 'Organisme public' },
      ],
      transfers: [],
      securityMeasures: MAIRIE_MEASURES,
      dpiaCriteria: [],
      cnilListItems: ['social-housing'],
      validated: false,
    },
  ],
};

/** Demo data: sample register entries of Ivry-sur-Seine and Villejuif, some validated by their shared DPO. */
export class RegisterDemoSeeder implements DemoSeeder {
  readonly order = 20;
  readonly name = 'register of processing activities';

  constructor(
    private readonly changes: ActivityChanges,
    private readonly workflow: ActivityWorkflow,
  ) {}

  async seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld): Promise<void> {
    const applications = new Map(
      (await scoped(manager, ctx).find('Application', Application, { select: { id: true, name: true } })).map(
        (a) => [a.name, a.id],
      ),
    );
    for (const [member, entries] of Object.entries(SAMPLES)) {
      const organisationId = world.organisations.get(member);
      if (!organisationId) continue;
      for (const { applications: names, validated, dpiaAssessment, nir, ...content } of entries) {
        const activity = await this.changes.insert(
          manager,
          ctx,
          organisationId,
          {
            ...content,
            applicationIds: names.map((name) => applications.get(name)).filter((id): id is string => !!id),
            nir: nir ?? null,
            art35Cases: [],
            cnilExemptionItem: null,
            reviewDate: null,
          },
          {
            dpiaAssessment: dpiaAssessment
              ? { ...dpiaAssessment, recordedAt: new Date().toISOString(), recordedBy: ctx.userId }
              : null,
          },
        );
        if (validated) await this.workflow.validateSeeded(manager, ctx, activity);
      }
    }
  }
}
