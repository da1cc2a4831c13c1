import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@vigie/catalog';
import { CertificationModule } from '@vigie/certification';
import { RequestContext } from '@vigie/core';
import { DocumentsModule } from '@vigie/documents';
import { JobQueue, JobsModule } from '@vigie/jobs';
import { AccessReview } from './campaigns/access-review.entity';
import { AccessReviewsController } from './campaigns/access-reviews.controller';
import { AccessReviewsService } from './campaigns/access-reviews.service';
import { SCHEDULE_CRON, SCHEDULE_JOB } from './campaigns/recurrence';
import { RecurrenceService } from './campaigns/recurrence.service';
import { CertificateService } from './certificate/certificate.service';
import { AgentDirectoryController } from './directory/agent-directory.controller';
import { AgentDirectoryService } from './directory/agent-directory.service';
import { AgentDirectoryEntry } from './directory/agent.entity';
import { AccountImportService } from './import/account-import.service';
import { AccessReviewEvent } from './items/access-review-event.entity';
import { AccessReviewItem } from './items/access-review-item.entity';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { RemediationController } from './remediation/remediation.controller';
import { RemediationTask } from './remediation/remediation-task.entity';
import { RemediationService } from './remediation/remediation.service';

/** Every entity of the capability. */
export const ACCESS_REVIEW_ENTITIES = [
  AccessReview,
  AccessReviewItem,
  AccessReviewEvent,
  RemediationTask,
  AgentDirectoryEntry,
];

/**
 * Access reviews: campaigns per member and application, CSV account lists, reviewer decisions, remediation,
 * certificate as ISO/IEC 27001 control 5.18 evidence, and the daily job that creates recurring campaigns.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(ACCESS_REVIEW_ENTITIES),
    // A campaign is on an application deployed for the member, read through the catalog.
    CatalogModule,
    DocumentsModule,
    CertificationModule,
    JobsModule,
  ],
  controllers: [AccessReviewsController, ItemsController, RemediationController, AgentDirectoryController],
  providers: [
    AccessReviewsService,
    AccountImportService,
    ItemsService,
    RemediationService,
    CertificateService,
    RecurrenceService,
    AgentDirectoryService,
  ],
  exports: [RecurrenceService],
})
export class AccessReviewsModule implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly recurrence: RecurrenceService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: SCHEDULE_JOB,
      cron: SCHEDULE_CRON,
      handler: async () => {
        await this.recurrence.run(RequestContext.system(`job:${SCHEDULE_JOB}`));
      },
    });
  }
}
