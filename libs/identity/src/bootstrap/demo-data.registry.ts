import { Injectable } from '@nestjs/common';
import { RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';

/** What the identity seeding created, for the seeders of other capabilities to build on. */
export interface DemoWorld {
  operatorId: string;
  /** Organisation ids by short name (members and vendors). */
  organisations: Map<string, string>;
  /** User ids by demo email. */
  users: Map<string, string>;
}

/** A capability's contribution to the demo data set, run in the bootstrap transaction. */
export interface DemoSeeder {
  /** Lower runs first (identity is 0). */
  order: number;
  name: string;
  seed(manager: EntityManager, ctx: RequestContext, world: DemoWorld): Promise<void>;
}

/** Capabilities register their demo seeders here when their module starts. */
@Injectable()
export class DemoDataRegistry {
  private readonly seeders: DemoSeeder[] = [];

  register(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  ordered(): DemoSeeder[] {
    return [...this.seeders].sort((a, b) => a.order - b.order);
  }
}
