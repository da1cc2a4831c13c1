import { scoped, unscoped } from '@vigie/authz';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError, generateSecret, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { SIIM94 } from '@vigie/reference-data';
import { EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { MembershipsService } from '../memberships/memberships.service';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_VENDORS } from './demo-accounts';
import { DEMO_ORGANISATION_DETAILS } from './demo-organisations';
import { DemoDataRegistry, DemoWorld } from './demo-data.registry';

/** What the first start created, to show once to whoever started the service. */
export interface BootstrapOutcome {
  created: boolean;
  admin?: { email: string; password?: string };
  demoAccounts?: { email: string; password: string }[];
}

// Serialises the first start of several instances on one fresh database.
const BOOTSTRAP_LOCK_KEY = 7_340_002;

/**
 * On an empty database, creates the operator organisation and its administrator, then the demo data set when
 * configured. Runs once: later starts find the operator and do nothing.
 */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly demo: DemoDataRegistry,
  ) {}

  async ensureInitialised(): Promise<BootstrapOutcome> {
    const ctx = RequestContext.system('bootstrap');
    const adminPassword = this.config.adminPassword ?? generateSecret().slice(0, 20);
    const adminHash = await PasswordHasher.hash(adminPassword);
    return this.tx.run(async (manager) => {
      await unscoped(manager, 'the first start’s advisory lock (a lock, on no row)').query(
        'SELECT pg_advisory_xact_lock($1)',
        [BOOTSTRAP_LOCK_KEY],
      );
      if (await scoped(manager, ctx).exists('Organisation', Organisation, { kind: 'operator' }))
        return { created: false };
      const weakness = this.config.adminPassword
        ? passwordProblem(this.config.adminPassword, [this.config.adminEmail])
        : undefined;
      if (weakness) throw new ConfigError([`VIGIE_ADMIN_PASSWORD: ${weakness}`]);
      const operator = await this.organisations.insert(manager, ctx, {
        name: SIIM94.operator.name,
        shortName: SIIM94.operator.shortName,
        kind: 'operator',
        siren: null,
        ...(this.config.demo ? DEMO_ORGANISATION_DETAILS[SIIM94.operator.shortName] : {}),
      });
      const admin = await this.users.insert(manager, ctx, {
        email: this.config.adminEmail,
        displayName: 'Administrateur Vigie',
        passwordHash: adminHash,
      });
      await this.memberships.insert(manager, ctx, {
        organisationId: operator.id,
        user: admin,
        role: 'admin',
      });
      this.logger.log('Operator organisation and administrator created');
      const outcome: BootstrapOutcome = {
        created: true,
        admin: { email: admin.email, password: this.config.adminPassword ? undefined : adminPassword },
      };
      if (this.config.demo) outcome.demoAccounts = await this.seedDemo(manager, ctx, operator.id);
      return outcome;
    });
  }

  private async seedDemo(manager: EntityManager, ctx: RequestContext, operatorId: string) {
    const world: DemoWorld = {
      operatorId,
      organisations: new Map([[SIIM94.operator.shortName, operatorId]]),
      users: new Map(),
    };
    for (const member of SIIM94.members) {
      const organisation = await this.organisations.insert(manager, ctx, {
        name: member.name,
        shortName: member.shortName,
        kind: 'member',
        siren: null,
        ...DEMO_ORGANISATION_DETAILS[member.shortName],
      });
      world.organisations.set(member.shortName, organisation.id);
    }
    for (const vendor of DEMO_VENDORS) {
      const organisation = await this.organisations.insert(manager, ctx, {
        ...vendor,
        kind: 'vendor',
        siren: null,
      });
      world.organisations.set(vendor.shortName, organisation.id);
    }
    const demoHash = await PasswordHasher.hash(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      const user = await this.users.insert(manager, ctx, { ...account, passwordHash: demoHash });
      world.users.set(account.email, user.id);
      for (const { organisation, role } of account.roles) {
        await this.memberships.insert(manager, ctx, {
          organisationId: world.organisations.get(organisation)!,
          user,
          role,
        });
      }
    }
    for (const seeder of this.demo.ordered()) {
      await seeder.seed(manager, ctx, world);
      this.logger.log(`Demo data: ${seeder.name} loaded`);
    }
    return DEMO_ACCOUNTS.map(({ email }) => ({ email, password: DEMO_PASSWORD }));
  }
}
