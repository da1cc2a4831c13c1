import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '@vigie/documents';
import { RegisterModule } from '@vigie/register';
import { VendorsModule } from '@vigie/vendors';
import { AnnualReportController } from './annual-report/annual-report.controller';
import { AnnualReportService } from './annual-report/annual-report.service';
import { PublicRegisterController } from './public-register/public-register.controller';
import { PublicRegisterService } from './public-register/public-register.service';
import { PublicationController } from './settings/publication.controller';
import { PublicationService } from './settings/publication.service';
import { RegisterPublication } from './settings/register-publication.entity';

/**
 * What a member shows outside: its public register (opted in by its DPO) and the DPO's annual report. It sits
 * above the feature libs and reads them: the register's entries and the other figures through their entities
 * in scoped SQL, the vendors' assurance through the vendors' public service.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RegisterPublication]), DocumentsModule, VendorsModule, RegisterModule],
  controllers: [PublicationController, PublicRegisterController, AnnualReportController],
  providers: [PublicationService, PublicRegisterService, AnnualReportService],
})
export class PublicationModule {}
