import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@vigie/catalog';
import { DocumentsModule } from '@vigie/documents';
import { DemoDataRegistry, IdentityModule } from '@vigie/identity';
import { ActivityChanges } from './activities/activity-changes.service';
import { ActivityDpia } from './activities/activity-dpia.service';
import { ActivityHistoryService } from './activities/activity-history.service';
import { ProcessingActivityQueries } from './activities/activity-queries.service';
import { ActivityWorkflow } from './activities/activity-workflow.service';
import { ProcessingActivitiesController } from './activities/processing-activities.controller';
import { ProcessingActivitiesService } from './activities/processing-activities.service';
import { ProcessingActivity } from './activities/processing-activity.entity';
import { ProcessingActivityLinks } from './activities/processing-activity-links';
import { RegisterYearFigures } from './activities/register-year-figures';
import { ProcessingActivityVersion } from './activities/processing-activity-version.entity';
import { RegisterDocumentsController } from './documents/register-documents.controller';
import { RegisterDocumentsService } from './documents/register-documents.service';
import { ProcessorRegisterController } from './processor/processor-register.controller';
import { GdprReferenceController } from './reference/gdpr-reference.controller';
import { ProcessorRegisterService } from './processor/processor-register.service';
import { RegisterSpreadsheetsController } from './spreadsheets/register-spreadsheets.controller';
import { RegisterSpreadsheetsService } from './spreadsheets/register-spreadsheets.service';
import { RegisterDemoSeeder } from './register-demo.seeder';
import { RegisterTemplate, RegisterTemplateVersion } from './templates/register-template.entity';
import { RegisterTemplatesController } from './templates/register-templates.controller';
import { RegisterTemplatesService } from './templates/register-templates.service';

/** Members' registers of processing activities, templates, DPIA screening and the processor register. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProcessingActivity,
      ProcessingActivityVersion,
      RegisterTemplate,
      RegisterTemplateVersion,
    ]),
    IdentityModule,
    CatalogModule,
    DocumentsModule,
  ],
  controllers: [
    ProcessingActivitiesController,
    RegisterTemplatesController,
    ProcessorRegisterController,
    RegisterDocumentsController,
    RegisterSpreadsheetsController,
    GdprReferenceController,
  ],
  providers: [
    ProcessingActivitiesService,
    ActivityChanges,
    ProcessingActivityQueries,
    ActivityWorkflow,
    ActivityDpia,
    ActivityHistoryService,
    RegisterTemplatesService,
    ProcessorRegisterService,
    RegisterDocumentsService,
    RegisterSpreadsheetsService,
    ProcessingActivityLinks,
    RegisterYearFigures,
  ],
  exports: [
    ProcessingActivitiesService,
    RegisterDocumentsService,
    ProcessingActivityLinks,
    RegisterYearFigures,
  ],
})
export class RegisterModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoDataRegistry,
    private readonly changes: ActivityChanges,
    private readonly workflow: ActivityWorkflow,
  ) {}

  onModuleInit(): void {
    this.demo.register(new RegisterDemoSeeder(this.changes, this.workflow));
  }
}
