import { ExecutionContext, ForbiddenException } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { DomainError } from '@xingfu/common';
import { AuthUser, Role } from './auth-user';
import { ScopedRecord, ScopedRecordGuard, ScopeResolver } from './scoped-record';
import { ScopeTarget } from './scope';

const RECORD_ID = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const TOWNSHIP = '231085100';

class RecordScope implements ScopeResolver {
  constructor(private readonly records: Record<string, ScopeTarget>) {}
  async scopeOf(id: string) {
    return this.records[id];
  }
}

class Routes {
  @ScopedRecord('application', RecordScope, 'officer', 'project_manager')
  act() {}

  @ScopedRecord('application', RecordScope)
  read() {}
}

function user(role: Role, scopes: Partial<AuthUser> = {}): AuthUser {
  return { id: 'u', username: 'u', role, townships: [], counties: [], partnerId: null, ...scopes };
}

async function call(route: 'act' | 'read', caller: AuthUser, id = RECORD_ID): Promise<unknown> {
  const resolver = new RecordScope({ [RECORD_ID]: { townshipCode: TOWNSHIP, countyCode: TOWNSHIP.slice(0, 6) } });
  const modules = { get: () => resolver } as unknown as ModuleRef;
  const sut = new ScopedRecordGuard(new Reflector(), modules);
  const context = {
    getHandler: () => Routes.prototype[route],
    switchToHttp: () => ({ getRequest: () => ({ user: caller, params: { id } }) }),
  } as unknown as ExecutionContext;
  return sut.canActivate(context).catch((error: unknown) => error);
}

const status = (outcome: unknown) =>
  outcome === true ? 'allowed' : outcome instanceof ForbiddenException ? 403 : outcome instanceof DomainError ? outcome.kind : outcome;

describe('ScopedRecord', () => {
  it('lets an officer of the record’s township act on it', async () => {
    expect(status(await call('act', user('officer', { townships: [TOWNSHIP] })))).toBe('allowed');
  });

  it('lets a project manager of the county act on it', async () => {
    expect(status(await call('act', user('project_manager', { counties: [TOWNSHIP.slice(0, 6)] })))).toBe('allowed');
  });

  it('does not let an officer of another township see that the record exists (404)', async () => {
    expect(status(await call('act', user('officer', { townships: ['231085200'] })))).toBe('not_found');
  });

  it('answers a partner 404, not 403, even on a route it may not call', async () => {
    expect(status(await call('act', user('partner', { partnerId: 'p1' })))).toBe('not_found');
  });

  it('answers 403 to a role in scope that may not act', async () => {
    expect(status(await call('act', user('foundation')))).toBe(403);
  });

  it('lets every role in scope read when the route names no roles', async () => {
    expect(status(await call('read', user('foundation')))).toBe('allowed');
  });

  it('answers 404 for a record that does not exist, and 400 for an id that is not a UUID', async () => {
    expect(status(await call('read', user('foundation'), '0b5e0c52-3c1e-4a4e-9d8e-2f9f3b7a1c00'))).toBe('not_found');
    expect(status(await call('read', user('foundation'), 'not-a-uuid'))).toBe('invalid');
  });
});
