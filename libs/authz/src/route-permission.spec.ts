import { Controller, Get, Post } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Endpoint, RequestContext } from '@vigie/core';
import { CONTEXT_KEY } from './request-context.decorator';
import { PermissionGuard } from './route-permission';

@Controller('incidents')
class DeclaredController {
  @Post()
  @Endpoint('Declare an incident', { action: 'create', subject: 'Incident' }, 201)
  create(): void {}

  @Post(':id/close')
  @Endpoint('Close an incident', { action: 'update', subject: 'Incident' })
  close(): void {}

  @Get()
  @Endpoint('List incidents', { action: 'read', subject: 'Incident' })
  list(): void {}

  @Get('mine')
  @Endpoint('The caller’s own', 'signed-in')
  mine(): void {}
}

@Controller('forgotten')
class UndeclaredController {
  @Get()
  forgotten(): void {}
}

@Controller('typo')
class MistypedController {
  @Get()
  @Endpoint('A subject the role table does not know', { action: 'read', subject: 'Incidents' as 'Incident' })
  mistyped(): void {}
}

function ctxWith(role: string): RequestContext {
  return new RequestContext('test', {
    userId: 'u1',
    email: 'u@x.fr',
    displayName: 'U',
    memberships: [{ organisationId: 'org-a', organisationName: 'A', kind: 'member', role }],
  });
}

async function guardOver(...controllers: (new () => object)[]): Promise<PermissionGuard> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [PermissionGuard],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(PermissionGuard);
}

function call(handler: () => void, ctx: RequestContext | undefined) {
  const request: Record<string, unknown> = { [CONTEXT_KEY]: ctx };
  const execution = {
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { execution };
}

describe('PermissionGuard', () => {
  it('stops the application at start on a route that declares no access, naming it', async () => {
    await expect(guardOver(DeclaredController, UndeclaredController)).rejects.toThrow(
      /UndeclaredController\.forgotten \(\/forgotten\/?\): no access declared/,
    );
  });

  it('stops the application at start on a subject the role table does not know', async () => {
    await expect(guardOver(MistypedController)).rejects.toThrow(/unknown subject "Incidents"/);
  });

  it('refuses early a caller with no rule for the action, on a route that names no record', async () => {
    const guard = await guardOver(DeclaredController);
    const { execution } = call(DeclaredController.prototype.create, ctxWith('reader'));
    expect(() => guard.canActivate(execution)).toThrow('Votre rôle ne permet pas cette action');
    expect(
      guard.canActivate(call(DeclaredController.prototype.create, ctxWith('security-officer')).execution),
    ).toBe(true);
  });

  it('leaves to the service a route naming a record (404 for the invisible), reads and signed-in routes', async () => {
    const guard = await guardOver(DeclaredController);
    for (const handler of [
      DeclaredController.prototype.close,
      DeclaredController.prototype.list,
      DeclaredController.prototype.mine,
    ]) {
      expect(guard.canActivate(call(handler, ctxWith('vendor-contact')).execution)).toBe(true);
    }
  });

  it('fails closed at a request on a handler without a declaration, or without a context', async () => {
    const guard = await guardOver(DeclaredController);
    expect(() =>
      guard.canActivate(call(UndeclaredController.prototype.forgotten, ctxWith('admin')).execution),
    ).toThrow(/without a declared access/);
    expect(() => guard.canActivate(call(DeclaredController.prototype.create, undefined).execution)).toThrow(
      /without a request context/,
    );
  });
});
