import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PermissionGuard } from '@vigie/authz';
import { DocumentsModule } from '@vigie/documents';
import { AuditCheckpointsController } from './audit-events/audit-checkpoints.controller';
import { AuditCheckpointsService } from './audit-events/audit-checkpoints.service';
import { AuditEventsController } from './audit-events/audit-events.controller';
import { AuditEventsService } from './audit-events/audit-events.service';
import { AuditRecordNames } from './audit-events/audit-record-names';
import { AuditTrailPdfController } from './audit-events/audit-trail-pdf.controller';
import { ActorLoader } from './auth/actor.loader';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AuthenticationGuard } from './auth/authentication.guard';
import { LoginFailures } from './auth/login-failures';
import { TokenService } from './auth/token.service';
import { WebSession } from './auth/web-session.entity';
import { WebSessions } from './auth/web-sessions';
import { WebSignIn } from './auth/web-sign-in';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { DemoDataRegistry } from './bootstrap/demo-data.registry';
import { MembershipsController } from './memberships/memberships.controller';
import { Membership } from './memberships/membership.entity';
import { MembershipsService } from './memberships/memberships.service';
import { OidcAccounts } from './oidc/oidc-accounts';
import { OidcIdentity } from './oidc/oidc-identity.entity';
import { OidcPendingLogin } from './oidc/oidc-pending-login.entity';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Organisations, users, memberships, sign-in and the global guards (authentication, then the routes' declared
 * permissions). Expects `TOKEN_SETTINGS` and `APP_CONFIG` from the application module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, Membership, WebSession, OidcIdentity, OidcPendingLogin]),
    DocumentsModule,
    DiscoveryModule,
  ],
  controllers: [
    AuthController,
    OidcController,
    OrganisationsController,
    UsersController,
    MembershipsController,
    AuditEventsController,
    AuditCheckpointsController,
    AuditTrailPdfController,
  ],
  providers: [
    TokenService,
    WebSessions,
    WebSignIn,
    ActorLoader,
    AuthService,
    LoginFailures,
    OidcAccounts,
    OidcService,
    OrganisationsService,
    UsersService,
    MembershipsService,
    AuditEventsService,
    AuditCheckpointsService,
    AuditRecordNames,
    DemoDataRegistry,
    BootstrapService,
    // In this order: the caller is authenticated, then the route's declared permission is checked.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
  exports: [
    OrganisationsService,
    UsersService,
    MembershipsService,
    AuditRecordNames,
    DemoDataRegistry,
    BootstrapService,
    TokenService,
    WebSignIn,
  ],
})
export class IdentityModule {}
