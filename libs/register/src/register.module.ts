import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@vigie/catalog';
import { DocumentsModule } from '@vigie/documents';
import { DemoDataRegistry, IdentityModule } from '@vigie/identity';
import { ActivityHistoryService } from './activities/activity-history.service';
import { ProcessingActivitiesController } from './activities/processing-activities.controller';
import { ProcessingActivitiesService } from './activities/processing-activities.service';
import { ProcessingActivity } from './activities/processing-activity.entity';
import { ProcessingActivityVersion } from './activities/processing-activity-version.entity';
import { ProcessorRegisterController } from './processor/processor-register.controller';
import { ProcessorRegisterService } from './processor/processor-register.service';
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
  controllers: [ProcessingActivitiesController, RegisterTemplatesController, ProcessorRegisterController],
  providers: [
    ProcessingActivitiesService,
    ActivityHistoryService,
    RegisterTemplatesService,
    ProcessorRegisterService,
  ],
  exports: [ProcessingActivitiesService],
})
export class RegisterModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoDataRegistry,
    private readonly activities: ProcessingActivitiesService,
  ) {}

  onModuleInit(): void {
    this.demo.register(new RegisterDemoSeeder(this.activities));
  }
}
