import { Injectable } from '@nestjs/common';
import { canSomewhere, unscoped } from '@vigie/authz';
import { DeploymentsService, HOSTING_KINDS } from '@vigie/catalog';
import { ForbiddenActionException, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import {
  Membership,
  Organisation,
  OrganisationContact,
  OrganisationDpo,
  OrganisationRepresentative,
  User,
} from '@vigie/identity';
import { countryByCode, isInEea } from '@vigie/reference-data';
import { EntityManager } from 'typeorm';
import { ProcessingActivity } from '../activities/processing-activity.entity';

export interface ProcessorRegisterApplication {
  applicationId: string;
  name: string;
  domain: string;
  hosting: (typeof HOSTING_KINDS)[number];
  /** The categories of processing carried out for the controller (Art. 30.2.b). */
  categoriesOfProcessing: string[];
  /** The controller's validated entries that use the application. */
  processingActivities: string[];
  subProcessors: { name: string; role: string }[];
  /** Transfers outside the EEA (Art. 30.2.c). */
  transfers: { country: string; countryName: string; description: string }[];
  /** The security measures of the hosting (Art. 30.2.d). */
  securityMeasures: string[];
}

export interface ProcessorRegisterController {
  organisationId: string;
  name: string;
  shortName: string;
  /** The controller's contact details (Art. 30.2.a). */
  contact: OrganisationContact | null;
  /** The controller's designated DPO (Art. 30.2.a); null: none designated. */
  dpo: OrganisationDpo | null;
  /** The Vigie accounts holding the DPO role in the controller. */
  dpoNames: string[];
  applications: ProcessorRegisterApplication[];
}

/** The operator's register as a processor (Art. 30.2 GDPR), derived from the catalog and the deployments. */
export interface ProcessorRegister {
  /** The operator: its name, contact details, legal representative and its own DPO (Art. 30.2.a). */
  processor: {
    organisationId: string;
    name: string;
    contact: OrganisationContact | null;
    representative: OrganisationRepresentative | null;
    dpo: OrganisationDpo | null;
  };
  generatedAt: Date;
  controllers: ProcessorRegisterController[];
}

const HOSTING_FR: Record<string, string> = {
  operator: 'hébergement et exploitation par le SIIM94',
  'vendor-saas': "hébergement et exploitation par l'éditeur (SaaS)",
  member: 'hébergement chez le membre',
};

/**
 * Builds the processor register from what is already recorded, never typed twice: one controller per member
 * with deployments, one line per application deployed for it. Read by the operator's roles only; of the
 * members' registers it shows the names of the validated entries using each application, which the processor
 * must know to state the categories of processing it carries out for them.
 */
@Injectable()
export class ProcessorRegisterService {
  constructor(
    private readonly tx: Transactions,
    private readonly deployments: DeploymentsService,
  ) {}

  async build(ctx: RequestContext, manager: EntityManager = this.tx.reader): Promise<ProcessorRegister> {
    if (!canSomewhere(ctx, 'read', 'ProcessorRegister')) throw new ForbiddenActionException();
    const everyMember = unscoped(
      manager,
      'the processor register spans the operator and every member (their DPOs and validated entry names) by design (canSomewhere above)',
    );
    const operator = await everyMember.findOneByOrFail(Organisation, { kind: 'operator' });
    const rows = await this.deployments.everyDeploymentWithApplication(manager);
    const organisationIds = [...new Set(rows.map((row) => String(row.organisation_id)))];
    // One after the other: the manager may hold a single connection (a transaction's, or PGlite's).
    const dpos = await this.dpoNames(everyMember, organisationIds);
    const activities = await this.activityNames(everyMember, organisationIds);
    const controllers = new Map<string, ProcessorRegisterController>();
    for (const row of rows) {
      const organisationId = String(row.organisation_id);
      let controller = controllers.get(organisationId);
      if (!controller) {
        controller = {
          organisationId,
          name: String(row.organisation_name),
          shortName: String(row.short_name),
          contact: (row.organisation_contact as OrganisationContact | null) ?? null,
          dpo: (row.organisation_dpo as OrganisationDpo | null) ?? null,
          dpoNames: dpos.get(organisationId) ?? [],
          applications: [],
        };
        controllers.set(organisationId, controller);
      }
      const applicationId = String(row.application_id);
      const hosting = String(row.hosting) as ProcessorRegisterApplication['hosting'];
      const location = String(row.data_location);
      const entries = activities.get(`${organisationId}/${applicationId}`) ?? [];
      const categories = [
        `${row.domain} — ${row.purpose ?? String(row.application_name)} (${HOSTING_FR[hosting] ?? hosting})`,
      ];
      if (row.health_data) categories.push('Hébergement de données de santé');
      controller.applications.push({
        applicationId,
        name: String(row.application_name),
        domain: String(row.domain),
        hosting,
        categoriesOfProcessing: categories,
        processingActivities: entries,
        subProcessors: row.vendor_name
          ? [
              {
                name: String(row.vendor_name),
                role:
                  hosting === 'vendor-saas'
                    ? "Éditeur : hébergement et exploitation de l'application (SaaS)"
                    : "Éditeur : maintenance et assistance de l'application",
              },
            ]
          : [],
        transfers: isInEea(location)
          ? []
          : [
              {
                country: location,
                countryName: countryByCode(location)?.fr ?? location,
                description: "Données stockées hors de l'Espace économique européen",
              },
            ],
        securityMeasures: (row.security_measures as string[]) ?? [],
      });
    }
    return {
      processor: {
        organisationId: operator.id,
        name: operator.name,
        contact: operator.contact,
        representative: operator.representative,
        dpo: operator.dpo,
      },
      generatedAt: new Date(),
      controllers: [...controllers.values()],
    };
  }

  private async dpoNames(
    everyMember: EntityManager,
    organisationIds: string[],
  ): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (organisationIds.length === 0) return names;
    const rows = await everyMember
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .select(['m.organisation_id AS organisation_id', 'u.display_name AS display_name'])
      .where("m.role = 'dpo'")
      .andWhere('m.organisationId IN (:...organisationIds)', { organisationIds })
      .orderBy('u.display_name', 'ASC')
      .getRawMany<{ organisation_id: string; display_name: string }>();
    for (const row of rows)
      names.set(row.organisation_id, [...(names.get(row.organisation_id) ?? []), row.display_name]);
    return names;
  }

  private async activityNames(
    everyMember: EntityManager,
    organisationIds: string[],
  ): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (organisationIds.length === 0) return names;
    const rows = await everyMember
      .createQueryBuilder(ProcessingActivity, 'p')
      .select([
        'p.organisation_id AS organisation_id',
        'unnest(p.application_ids) AS application_id',
        'p.name AS name',
      ])
      .where("p.status = 'validated'")
      .andWhere('p.organisationId IN (:...organisationIds)', { organisationIds })
      .orderBy('p.name', 'ASC')
      .getRawMany<{ organisation_id: string; application_id: string; name: string }>();
    for (const row of rows) {
      const key = `${row.organisation_id}/${row.application_id}`;
      names.set(key, [...(names.get(key) ?? []), row.name]);
    }
    return names;
  }
}
