import { Module, OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vigie/core';
import { DocumentsModule } from '@vigie/documents';
import { DemoDataRegistry, IdentityModule } from '@vigie/identity';
import { memoryStorage } from 'multer';
import { AssessmentsController } from './assessments/assessments.controller';
import { Assessment } from './assessments/assessment.entity';
import { AssessmentsService } from './assessments/assessments.service';
import { ProgressService } from './assessments/progress.service';
import { RequirementAssessment } from './assessments/requirement-assessment.entity';
import { certificationDemoSeeder } from './certification-demo.seeder';
import { CertificationEvidence } from './evidence/certification-evidence';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceLink } from './evidence/evidence-link.entity';
import { Evidence } from './evidence/evidence.entity';
import { EvidenceService } from './evidence/evidence.service';
import { Framework } from './frameworks/framework.entity';
import { FrameworkRequirement } from './frameworks/framework-requirement.entity';
import { FrameworksController } from './frameworks/frameworks.controller';
import { FrameworksService } from './frameworks/frameworks.service';
import { CertificationReportsController } from './reports/certification-reports.controller';
import { CertificationReportsService } from './reports/certification-reports.service';

/**
 * Certification checklists: frameworks, assessments, evidence, progress, Statement of Applicability. Exports
 * {@link CertificationEvidence} for capabilities that produce evidence (access reviews).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Framework,
      FrameworkRequirement,
      Assessment,
      RequirementAssessment,
      Evidence,
      EvidenceLink,
    ]),
    IdentityModule,
    DocumentsModule,
    // Uploads are kept in memory (they go to the database) and refused beyond VIGIE_UPLOAD_LIMIT_BYTES (413).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        // Browsers send UTF-8 file names without a charset parameter; busboy would read them as Latin-1.
        defParamCharset: 'utf8',
        limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, parts: 20 },
      }),
    }),
  ],
  controllers: [
    FrameworksController,
    AssessmentsController,
    EvidenceController,
    CertificationReportsController,
  ],
  providers: [
    FrameworksService,
    AssessmentsService,
    ProgressService,
    EvidenceService,
    CertificationReportsService,
    CertificationEvidence,
  ],
  exports: [CertificationEvidence],
})
export class CertificationModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoDataRegistry,
    private readonly evidence: EvidenceService,
  ) {}

  onModuleInit(): void {
    this.demo.register(certificationDemoSeeder(this.evidence));
  }
}
