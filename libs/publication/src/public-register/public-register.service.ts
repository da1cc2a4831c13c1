import { unscoped } from '@vigie/authz';
import { Injectable } from '@nestjs/common';
import { NotFoundException } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { loadApplications, ProcessingActivityLinks } from '@vigie/register';
import { RegisterPublication } from '../settings/register-publication.entity';
import type { PublishableField } from '../settings/publishable-fields';
import { PublicDpoContact, publicDpoContact } from './controller-contact';
import { PublicEntry, publicEntry } from './public-entry';

export const PUBLIC_REGISTER_SCHEMA = 'vigie-registre-public';
export const PUBLIC_REGISTER_SCHEMA_VERSION = 1;

/** A member's public register: what the HTML pages, the JSON and the CSV all show. */
export interface PublicRegister {
  schema: typeof PUBLIC_REGISTER_SCHEMA;
  schemaVersion: typeof PUBLIC_REGISTER_SCHEMA_VERSION;
  organisation: { name: string; shortName: string };
  /** Present only when the DPO publishes `dpoContact`; null when the member recorded no DPO contact. */
  dpo?: PublicDpoContact | null;
  publishedFields: PublishableField[];
  /** The latest change of what is published (an entry validated, the settings changed). */
  updatedAt: string;
  entries: PublicEntry[];
}

/**
 * Reads a published register without authentication. Everything is decided in this one query path: the
 * member exists and is a member, its DPO published the register, and only validated entries are read (never
 * drafts or archived ones), each reduced to the published fields by {@link publicEntry}. Nothing is cached
 * here: unpublishing takes effect on the next request.
 */
@Injectable()
export class PublicRegisterService {
  constructor(
    private readonly tx: Transactions,
    private readonly links: ProcessingActivityLinks,
  ) {}

  private async published(
    shortName: string,
  ): Promise<{ organisation: Organisation; publication: RegisterPublication }> {
    // No caller: the public register is read by anyone, only once its member has published it.
    const anyone = unscoped(
      this.tx.reader,
      'the public register is public: a member and its enabled publication',
    );
    const organisation =
      shortName.length <= 30
        ? await anyone
            .createQueryBuilder(Organisation, 'o')
            .where('lower(o.short_name) = lower(:shortName)', { shortName })
            .andWhere("o.kind = 'member'")
            .getOne()
        : null;
    const publication = organisation
      ? await anyone.findOneBy(RegisterPublication, { organisationId: organisation.id, enabled: true })
      : null;
    if (!organisation || !publication) throw new NotFoundException('Public register');
    return { organisation, publication };
  }

  async register(shortName: string, entryId?: string): Promise<PublicRegister> {
    const { organisation, publication } = await this.published(shortName);
    return this.build(organisation, publication.fields, publication.updatedAt, entryId);
  }

  /**
   * What the register would show with these fields, published or not: the DPO's preview (the caller's right on
   * the member is checked by the caller).
   */
  preview(
    organisation: Organisation,
    fields: readonly PublishableField[],
    since: Date,
  ): Promise<PublicRegister> {
    return this.build(organisation, fields, since);
  }

  private async build(
    organisation: Organisation,
    fields: readonly PublishableField[],
    settingsUpdatedAt: Date,
    entryId?: string,
  ): Promise<PublicRegister> {
    const activities = await this.links.publishedEntries(this.tx.reader, organisation.id, entryId);
    if (entryId && activities.length === 0) throw new NotFoundException('Public register entry');
    const applications = fields.includes('applicationIds')
      ? await loadApplications(
          this.tx.reader,
          activities.flatMap((activity) => activity.applicationIds),
        )
      : new Map();
    const names = new Map([...applications].map(([id, application]) => [id, application.name as string]));
    const updatedAt = new Date(
      Math.max(
        settingsUpdatedAt.getTime(),
        ...activities.map((activity) => (activity.validatedAt ?? activity.updatedAt).getTime()),
      ),
    );
    const register: PublicRegister = {
      schema: PUBLIC_REGISTER_SCHEMA,
      schemaVersion: PUBLIC_REGISTER_SCHEMA_VERSION,
      organisation: { name: organisation.name, shortName: organisation.shortName },
      publishedFields: [...fields],
      updatedAt: updatedAt.toISOString(),
      entries: activities.map((activity) => publicEntry(activity, fields, names)),
    };
    if (fields.includes('dpoContact')) register.dpo = publicDpoContact(organisation);
    return register;
  }
}
