import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { canSomewhere } from '@vigie/authz';
import {
  APP_CONFIG,
  AppConfig,
  appendAuditCheckpoint,
  AuditCheckpoint,
  auditKey,
  ForbiddenActionException,
  Page,
  PageQuery,
  pageOffset,
  readAuditCheckpoints,
  RequestContext,
  takeAuditCheckpoint,
  toPage,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';

/**
 * Signed checkpoints of the audit chain, appended to a file outside the database: on demand (the operator's
 * administrator) and every `VIGIE_AUDIT_CHECKPOINT_MINUTES` on instances that run jobs, when the chain moved.
 */
@Injectable()
export class AuditCheckpointsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs || this.config.auditCheckpointMinutes === 0) return;
    this.timer = setInterval(() => {
      this.takeIfMoved().catch((error: unknown) =>
        this.logger.error(`Audit checkpoint failed: ${(error as Error).message}`),
      );
    }, this.config.auditCheckpointMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Takes and appends a checkpoint now (403 for anyone but the operator's administrator). */
  async take(ctx: RequestContext, reason: string): Promise<AuditCheckpoint> {
    if (!canSomewhere(ctx, 'create', 'AuditCheckpoint')) throw new ForbiddenActionException();
    const checkpoint = await takeAuditCheckpoint(this.tx.reader, auditKey(), reason);
    if (!checkpoint) throw new ValidationException("Le journal d'audit est vide : rien à signer");
    await appendAuditCheckpoint(this.config.auditCheckpointFile, checkpoint);
    return checkpoint;
  }

  /** The checkpoints taken so far, newest first. */
  async list(ctx: RequestContext, query: PageQuery): Promise<Page<AuditCheckpoint>> {
    if (!canSomewhere(ctx, 'read', 'AuditCheckpoint')) throw new ForbiddenActionException();
    const all = (await readAuditCheckpoints(this.config.auditCheckpointFile)).reverse();
    const start = pageOffset(query);
    return toPage(all.slice(start, start + query.pageSize), all.length, query);
  }

  private async takeIfMoved(): Promise<void> {
    const checkpoint = await takeAuditCheckpoint(this.tx.reader, auditKey(), 'automatique');
    if (!checkpoint) return;
    const last = (await readAuditCheckpoints(this.config.auditCheckpointFile)).at(-1);
    if (last?.seq === checkpoint.seq) return;
    await appendAuditCheckpoint(this.config.auditCheckpointFile, checkpoint);
  }
}
