import { scoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { DemoSeeder, DemoWorld } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { checklistFor } from './contracts/clause-catalog';
import { Contract, ContractApplication, ContractClause } from './contracts/contract.entity';
import { VendorProfile } from './profiles/vendor-profile.entity';
import { questionnaireScore } from './questionnaires/answer-rules';
import { Questionnaire, QuestionnaireAnswer } from './questionnaires/questionnaire.entity';
import { BUILTIN_TEMPLATE_CODE } from './templates/builtin-template';
import { QuestionnaireTemplate } from './templates/questionnaire-template.entity';
import { questionsOf } from './templates/template-definition';
import { todayInParis } from './vendor-support';

const VENDOR = 'BERGER-LEVRAULT';
const APPLICATION = 'BL Social';

/** Clauses of the demo contract already checked by the RSSI. */
const FILLED: Record<
  string,
  { status: 'present' | 'partial' | 'not-applicable'; reference: string; comment?: string }
> = {
  'subject-matter-duration': { status: 'present', reference: 'CCAP art. 2 et annexe RGPD §1' },
  'nature-purpose': { status: 'present', reference: 'Annexe RGPD §2' },
  'personal-data-types': { status: 'present', reference: 'Annexe RGPD §3' },
  'data-subject-categories': { status: 'present', reference: 'Annexe RGPD §3' },
  'controller-obligations-rights': {
    status: 'partial',
    reference: 'CCAP art. 14',
    comment: 'Droits d’audit du responsable décrits, obligations du responsable absentes',
  },
  'documented-instructions': { status: 'present', reference: 'CCAP art. 14.1' },
  confidentiality: { status: 'present', reference: 'CCAP art. 14.2' },
  'security-art32': {
    status: 'partial',
    reference: 'CCAP art. 14.3',
    comment: 'Mesures décrites sans PAS annexé',
  },
  'delete-or-return': { status: 'present', reference: 'CCAP art. 22' },
  'breach-notification-delay': {
    status: 'partial',
    reference: 'CCAP art. 14.6',
    comment: 'Notification « dans les meilleurs délais » : demander un délai de 24 heures',
  },
  'hds-certificate': { status: 'not-applicable', reference: '', comment: 'Aucune donnée de santé hébergée' },
};

/** Answers of the demo questionnaire (partly answered: the vendor is still working on it). */
const ANSWERS: Record<string, unknown> = {
  'gov-pssi': 'yes',
  'gov-rssi': 'Direction de la sécurité du groupe Berger-Levrault, rssi@berger-levrault.demo',
  'gov-dpo': 'Délégué à la protection des données du groupe, dpo@berger-levrault.demo',
  'gov-awareness': 'yes',
  'gov-confidentiality': 'yes',
  'cert-iso27001': 'partial',
  'cert-hds': 'not-applicable',
  'host-location': 'france',
  'access-mfa': 'some',
  'access-remote-maintenance': 'vendor-bastion',
};

/** Demo data: a contract for BL Social with a few clauses checked, a questionnaire sent to Berger-Levrault. */
export class VendorsDemoSeeder implements DemoSeeder {
  readonly order = 30;
  readonly name = 'vendors (contract, questionnaire)';

  async seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld): Promise<void> {
    const vendorId = world.organisations.get(VENDOR);
    const application = await scoped(manager, ctx).findOneBy('Application', Application, {
      name: APPLICATION,
    });
    if (!vendorId || !application) return;
    const contactId = world.users.get('contact@berger-levrault.demo') ?? null;
    const rssiId = world.users.get('rssi@siim94.demo') ?? null;

    await manager.insert(VendorProfile, {
      vendorId,
      address: '64 rue Jean Rostand, 31670 Labège',
      certifications: [
        {
          kind: 'iso27001',
          reference: 'ISO/IEC 27001 — hébergement BL.Cloud',
          validFrom: '2023-06-01',
          validUntil: '2026-05-31',
          scope: null,
        },
        {
          kind: 'hds',
          reference: 'Certificat HDS — activités 1 à 6',
          validFrom: '2021-03-01',
          validUntil: '2024-02-29',
          scope: null,
        },
      ],
      dataLocations: ['FR'],
      subProcessors: [{ name: 'OVHcloud', service: 'Hébergement (IaaS)', country: 'FR' }],
      updatedBy: rssiId,
    });

    const contract = manager.create(Contract, {
      organisationId: world.operatorId,
      vendorId,
      reference: 'MAPA-2024-017 BL Social',
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      noticeDate: '2027-06-30',
      healthData: application.healthData,
      createdBy: rssiId,
    });
    await manager.save(contract);
    await manager.insert(ContractApplication, { contractId: contract.id, applicationId: application.id });
    await manager.insert(
      ContractClause,
      checklistFor(application.healthData).map((clause, position) => ({
        organisationId: world.operatorId,
        contractId: contract.id,
        key: clause.key,
        family: clause.family,
        position,
        status: FILLED[clause.key]?.status ?? 'missing',
        reference: FILLED[clause.key]?.reference || null,
        comment: FILLED[clause.key]?.comment ?? null,
        updatedBy: rssiId,
      })),
    );

    const template = await scoped(manager, RequestContext.system()).findOneBy(
      'QuestionnaireTemplate',
      QuestionnaireTemplate,
      { code: BUILTIN_TEMPLATE_CODE },
    );
    if (!template) throw new Error('The built-in questionnaire template is not installed');
    const questions = questionsOf(template.sections);
    const due = new Date(`${todayInParis()}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    const questionnaire = manager.create(Questionnaire, {
      organisationId: world.operatorId,
      vendorId,
      templateId: template.id,
      status: 'in-progress',
      dueDate: due.toISOString().slice(0, 10),
      sentAt: new Date(),
      sentBy: rssiId,
      score: questionnaireScore(questions, new Map(Object.entries(ANSWERS) as [string, string][])),
    });
    await manager.save(questionnaire);
    await manager.insert(
      QuestionnaireAnswer,
      Object.entries(ANSWERS).map(([questionKey, value]) => ({
        questionnaireId: questionnaire.id,
        vendorId,
        questionKey,
        value: value as never,
        comment: null,
        updatedBy: contactId,
      })),
    );
  }
}
