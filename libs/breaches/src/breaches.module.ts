import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@vigie/catalog';
import { DocumentsModule } from '@vigie/documents';
import { DemoDataRegistry, IdentityModule } from '@vigie/identity';
import { ProcessingActivityLinks, RegisterModule } from '@vigie/register';
import { Breach } from './breaches/breach.entity';
import { BreachesController } from './breaches/breaches.controller';
import { BreachesService } from './breaches/breaches.service';
import { BreachesDemoSeeder } from './breaches-demo.seeder';
import { MemberLinks } from './common/links';
import { BreachRecordService } from './documents/breach-record.service';
import { BreachRegisterService } from './documents/breach-register.service';
import { Incident } from './incidents/incident.entity';
import { IncidentsController } from './incidents/incidents.controller';
import { IncidentsService } from './incidents/incidents.service';
import { RightsRequest } from './rights/rights-request.entity';
import { RightsRequestsController } from './rights/rights-requests.controller';
import { RightsRequestsService } from './rights/rights-requests.service';

/** Members' breach registers, the operator's incidents and their fan-out, and data-subject rights requests. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Breach, Incident, RightsRequest]),
    IdentityModule,
    CatalogModule,
    DocumentsModule,
    // Breaches and rights requests refer to the member's processing activities, read through the register.
    RegisterModule,
  ],
  controllers: [BreachesController, IncidentsController, RightsRequestsController],
  providers: [
    BreachesService,
    IncidentsService,
    RightsRequestsService,
    BreachRecordService,
    BreachRegisterService,
    MemberLinks,
  ],
  exports: [BreachesService, IncidentsService, RightsRequestsService],
})
export class BreachesModule implements OnModuleInit {
  constructor(
    private readonly demo: DemoDataRegistry,
    private readonly breaches: BreachesService,
    private readonly incidents: IncidentsService,
    private readonly activities: ProcessingActivityLinks,
  ) {}

  onModuleInit(): void {
    this.demo.register(new BreachesDemoSeeder(this.breaches, this.incidents, this.activities));
  }
}
