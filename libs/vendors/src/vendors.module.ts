import { Module, OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@vigie/catalog';
import { APP_CONFIG, AppConfig } from '@vigie/core';
import { DocumentsModule } from '@vigie/documents';
import { DemoDataRegistry, IdentityModule } from '@vigie/identity';
import { RegisterModule } from '@vigie/register';
import { memoryStorage } from 'multer';
import { VendorAssuranceController } from './assurance/vendor-assurance.controller';
import { VendorAssuranceService } from './assurance/vendor-assurance.service';
import { Contract, ContractApplication, ContractClause } from './contracts/contract.entity';
import { ContractsController } from './contracts/contracts.controller';
import { ContractViews } from './contracts/contract-views';
import { ContractsService } from './contracts/contracts.service';
import { VendorContactsController, VendorContactsService } from './profiles/vendor-contacts';
import { VendorProfile } from './profiles/vendor-profile.entity';
import { VendorProfilesController } from './profiles/vendor-profiles.controller';
import { VendorProfilesService } from './profiles/vendor-profiles.service';
import {
  Questionnaire,
  QuestionnaireAnswer,
  QuestionnaireAttachment,
  QuestionnaireComment,
} from './questionnaires/questionnaire.entity';
import { QuestionnaireAnswersService } from './questionnaires/questionnaire-answers.service';
import { QuestionnaireReviewsService } from './questionnaires/questionnaire-reviews.service';
import { QuestionnairesController } from './questionnaires/questionnaires.controller';
import { QuestionnairesService } from './questionnaires/questionnaires.service';
import { VendorReportsController } from './reports/vendor-reports.controller';
import { VendorReportsService } from './reports/vendor-reports.service';
import { QuestionnaireTemplate } from './templates/questionnaire-template.entity';
import { QuestionnaireTemplatesController } from './templates/questionnaire-templates.controller';
import { QuestionnaireTemplatesService } from './templates/questionnaire-templates.service';
import { VendorsDemoSeeder } from './vendors-demo.seeder';

/**
 * Vendors: profiles, contracts and their clause checklists, questionnaire templates, questionnaires answered
 * by the vendors' contacts and reviewed by the RSSI, and the vendor assurance shown on applications and
 * processing activities.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      VendorProfile,
      Contract,
      ContractApplication,
      ContractClause,
      QuestionnaireTemplate,
      Questionnaire,
      QuestionnaireAnswer,
      QuestionnaireComment,
      QuestionnaireAttachment,
    ]),
    IdentityModule,
    DocumentsModule,
    // Assurance is shown on the catalog's applications and the register's processing activities.
    CatalogModule,
    RegisterModule,
    // Attachments are kept in memory (they go to the database), refused beyond VIGIE_UPLOAD_LIMIT_BYTES (413).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        defParamCharset: 'utf8',
        limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, parts: 20 },
      }),
    }),
  ],
  controllers: [
    VendorProfilesController,
    VendorContactsController,
    ContractsController,
    QuestionnaireTemplatesController,
    QuestionnairesController,
    VendorAssuranceController,
    VendorReportsController,
  ],
  providers: [
    VendorProfilesService,
    VendorContactsService,
    ContractsService,
    ContractViews,
    QuestionnaireTemplatesService,
    QuestionnairesService,
    QuestionnaireAnswersService,
    QuestionnaireReviewsService,
    VendorAssuranceService,
    VendorReportsService,
  ],
  exports: [VendorAssuranceService],
})
export class VendorsModule implements OnModuleInit {
  constructor(private readonly demo: DemoDataRegistry) {}

  onModuleInit(): void {
    this.demo.register(new VendorsDemoSeeder());
  }
}
