import { Inject, Injectable } from '@nestjs/common';
import { auditedChange, scoped, unscoped } from '@vigie/authz';
import { APP_CONFIG, AppConfig, RequestContext, UnsupportedMediaTypeException } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { AccessReview } from '../campaigns/access-review.entity';
import { assertStatus } from '../campaigns/campaign-access';
import { AccessReviewItem, Flag } from '../items/access-review-item.entity';
import { deleteRemovedItems, previousClosedCampaign, refreshComparison } from '../items/comparison';
import { isDormant, isPrivilegedRole } from '../items/flags';
import { refreshOrphans } from '../directory/orphans';
import { memberPeople } from '../people';
import { AccountLine, RejectedLine } from './account-csv';
import { readAccountCsvOffThread } from './account-csv-off-thread';

/**
 * Inserts a batch of accounts in one statement with one array parameter per column (`unnest`): the statement
 * and its parameters stay small and the same whatever the batch size. Flags travel as comma-joined text.
 */
async function insertItems(manager: EntityManager, rows: Partial<AccessReviewItem>[]): Promise<void> {
  const column = <K extends keyof AccessReviewItem>(key: K) => rows.map((row) => row[key] ?? null);
  await unscoped(manager, 'a write: the imported items of a campaign the caller may update').query(
    `INSERT INTO access_review_item
       (organisation_id, access_review_id, line, username, display_name, email, role, last_login, flags, reviewer_id)
     SELECT o, r, l, u, d, e, ro, ll, string_to_array(f, ','), rv
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                 $8::timestamptz[], $9::text[], $10::uuid[]) AS t(o, r, l, u, d, e, ro, ll, f, rv)`,
    [
      column('organisationId'),
      column('accessReviewId'),
      column('line'),
      column('username'),
      column('displayName'),
      column('email'),
      column('role'),
      column('lastLogin'),
      rows.map((row) => (row.flags ?? []).join(',')),
      column('reviewerId'),
    ],
  );
}

/** Accounts inserted per statement while streaming an import. */
export const IMPORT_BATCH_SIZE = 1000;

export interface ImportResult {
  imported: number;
  rejected: RejectedLine[];
}

const CSV_TYPES = ['text/csv', 'application/csv'];

/** 415 unless the body is declared as CSV in UTF-8 (or with no charset). */
export function assertCsvContentType(contentType: string | undefined): void {
  const [type, ...params] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!CSV_TYPES.includes(type)) {
    throw new UnsupportedMediaTypeException('La liste des comptes doit être envoyée en text/csv');
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException('La liste des comptes doit être un texte UTF-8 (charset=utf-8)');
  }
}

/**
 * Imports the accounts of a draft campaign from a CSV body, streamed: lines are checked one by one and valid
 * accounts inserted in batches of {@link IMPORT_BATCH_SIZE}, all in one transaction (a file that cannot be read
 * as a whole writes nothing). Bad lines are reported with their reason and imported accounts keep their line.
 */
@Injectable()
export class AccountImportService {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(
    ctx: RequestContext,
    id: string,
    contentType: string | undefined,
    body: AsyncIterable<Buffer | string>,
    version: number | undefined,
  ): Promise<ImportResult> {
    return this.tx.run(async (manager) => {
      let result!: ImportResult;
      await auditedChange(manager, ctx, {
        subject: 'AccessReview',
        entity: AccessReview,
        id,
        label: 'Access review',
        action: 'update',
        version,
        audit: {
          action: 'access-review.import',
          entity: 'access-review',
          changes: () => ({
            imported: { before: null, after: result.imported },
            rejected: { before: null, after: result.rejected.length },
          }),
        },
        apply: async (campaign) => {
          assertStatus(campaign, ['draft'], 'importer des comptes');
          assertCsvContentType(contentType);
          result = await this.importInto(manager, ctx, campaign, body);
        },
        // The campaign itself does not change: its accounts do.
        save: async () => undefined,
      });
      return result;
    });
  }

  /** Reads the CSV body and inserts its valid accounts into the campaign, in batches; bad lines are reported. */
  private async importInto(
    manager: EntityManager,
    ctx: RequestContext,
    campaign: AccessReview,
    body: AsyncIterable<Buffer | string>,
  ): Promise<ImportResult> {
    const now = new Date();
    const assign = await this.reviewerAssignment(manager, ctx, campaign);
    await deleteRemovedItems(manager, campaign.id);
    const seen = await this.existingUsernames(manager, ctx, campaign.id);
    const rejected: RejectedLine[] = [];
    let batch: Partial<AccessReviewItem>[] = [];
    let imported = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await insertItems(manager, batch);
      imported += batch.length;
      batch = [];
    };
    for await (const parsed of readAccountCsvOffThread(body, {
      limitBytes: this.config.uploadLimitBytes,
      now,
    })) {
      if (!parsed.ok) {
        rejected.push(parsed.rejected);
        continue;
      }
      const account = parsed.account;
      const key = account.username.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        rejected.push({
          line: account.line,
          reason:
            first === 0
              ? `username « ${account.username} » est déjà importé dans cette revue`
              : `username « ${account.username} » en double (déjà en ligne ${first})`,
        });
        continue;
      }
      seen.set(key, account.line);
      const reviewer = assign(account);
      if ('reason' in reviewer) {
        rejected.push({ line: account.line, reason: reviewer.reason });
        continue;
      }
      batch.push(this.item(campaign, account, reviewer.reviewerId, now));
      if (batch.length >= IMPORT_BATCH_SIZE) await flush();
    }
    await flush();
    await refreshComparison(manager, ctx, campaign, now);
    await refreshOrphans(manager, campaign);
    return { imported, rejected };
  }

  private item(
    campaign: AccessReview,
    account: AccountLine,
    reviewerId: string,
    now: Date,
  ): Partial<AccessReviewItem> {
    // `orphan` comes from the member's directory of agents, over the whole list once imported.
    const flags: Flag[] = [];
    if (isDormant(account.lastLogin, now)) flags.push('dormant');
    if (isPrivilegedRole(account.role)) flags.push('privileged');
    return {
      organisationId: campaign.organisationId,
      accessReviewId: campaign.id,
      line: account.line,
      username: account.username,
      displayName: account.displayName,
      email: account.email,
      role: account.role,
      lastLogin: account.lastLogin,
      flags,
      reviewerId,
    };
  }

  /** Usernames already in the campaign (lower-cased), marked with line 0. */
  private async existingUsernames(
    manager: EntityManager,
    ctx: RequestContext,
    campaignId: string,
  ): Promise<Map<string, number>> {
    const rows = await scoped(manager, ctx)
      .query('AccessReviewItem', AccessReviewItem, 'i')
      .select('lower(i.username)', 'username')
      .andWhere('i.accessReviewId = :campaignId', { campaignId })
      .getRawMany<{ username: string }>();
    return new Map(rows.map((row) => [row.username, 0]));
  }

  /**
   * Chooses each account's reviewer: the member's user named by `reviewerEmail` (a line naming anyone else is
   * refused); without one, the reviewer of the same account in the campaign this one recurs from (or the
   * previous closed one) when they still belong to the member; else the member's first DPO; with no DPO, the
   * line is refused.
   */
  private async reviewerAssignment(manager: EntityManager, ctx: RequestContext, campaign: AccessReview) {
    const people = await memberPeople(manager, campaign.organisationId);
    const db = scoped(manager, ctx);
    const member = await db.findOneBy('Organisation', Organisation, { id: campaign.organisationId });
    const memberName = member?.name ?? '';
    const source = campaign.previousCampaignId ?? (await previousClosedCampaign(manager, ctx, campaign));
    const carried = new Map<string, string>();
    if (source) {
      const rows = await db
        .query('AccessReviewItem', AccessReviewItem, 'i')
        .select('lower(i.username)', 'username')
        .addSelect('i.reviewerId', 'reviewerId')
        .andWhere('i.accessReviewId = :source AND i.reviewerId IS NOT NULL', { source })
        .getRawMany<{ username: string; reviewerId: string }>();
      for (const row of rows) if (people.byId.has(row.reviewerId)) carried.set(row.username, row.reviewerId);
    }
    const assign = (account: AccountLine): { reviewerId: string } | { reason: string } => {
      if (account.reviewerEmail) {
        const person = people.byEmail.get(account.reviewerEmail);
        return person
          ? { reviewerId: person.userId }
          : {
              reason: `relecteur « ${account.reviewerEmail} » inconnu : ce n’est pas un utilisateur de ${memberName}`,
            };
      }
      const reviewerId = carried.get(account.username.toLowerCase()) ?? people.defaultDpo?.userId;
      return reviewerId
        ? { reviewerId }
        : {
            reason: `aucun relecteur : reviewerEmail est vide et ${memberName} n’a pas de DPO pour relire par défaut`,
          };
    };
    return assign;
  }
}
