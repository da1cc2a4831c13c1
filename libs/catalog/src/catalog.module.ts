import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditRecordNames, DemoDataRegistry, IdentityModule, OrganisationsService } from '@vigie/identity';
import { Application } from './application.entity';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { CatalogDemoSeeder } from './catalog-demo.seeder';
import { DEPLOYMENT_RECORD_NAMES_SQL } from './deployment-sql';
import { Deployment } from './deployment.entity';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';

/** The operator's application catalog and the deployments that say which member uses which application. */
@Module({
  imports: [TypeOrmModule.forFeature([Application, Deployment]), IdentityModule],
  controllers: [ApplicationsController, DeploymentsController],
  providers: [ApplicationsService, DeploymentsService],
  exports: [ApplicationsService, DeploymentsService],
})
export class CatalogModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoDataRegistry,
    private readonly auditNames: AuditRecordNames,
    private readonly organisations: OrganisationsService,
    private readonly applications: ApplicationsService,
    private readonly deployments: DeploymentsService,
  ) {}

  onModuleInit(): void {
    this.auditNames.register(DEPLOYMENT_RECORD_NAMES_SQL);
    this.demo.register(new CatalogDemoSeeder(this.organisations, this.applications, this.deployments));
  }
}
