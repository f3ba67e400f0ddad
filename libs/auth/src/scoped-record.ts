import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, Type, UseGuards } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { DOC_ROLES, DOC_SCOPED_RECORD, DomainError, isUuid, validationFailed } from '@xingfu/common';

import { AuthUser, Role } from './auth-user';
import { roleNotAllowed } from './decorators';
import { isInScope, ScopeTarget } from './scope';

/** Tells where one kind of record lives, for the scope rule. A provider of the record's service. */
export interface ScopeResolver {
  /** The record's township / county / partner; undefined when there is no such record. */
  scopeOf(id: string): Promise<ScopeTarget | undefined>;
}

interface ScopedRecordOptions {
  what: string;
  resolver: Type<ScopeResolver>;
  roles: Role[];
}

const SCOPED_RECORD = 'xingfu:scoped-record';

/**
 * A route on one record (`/<records>/:id/...`), in one line:
 * `@ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')`.
 * A malformed id is a 400. Outside the caller's scope the record does not exist (404),
 * whatever the role, and before the body is even validated, so nothing tells the caller the
 * record is there. Inside it, a role not listed gets 403: it may know the record but not act
 * on it. No roles: every role in scope may call it.
 */
export function ScopedRecord(what: string, resolver: Type<ScopeResolver>, ...roles: Role[]): MethodDecorator {
  return applyDecorators(
    SetMetadata(SCOPED_RECORD, { what, resolver, roles } satisfies ScopedRecordOptions),
    UseGuards(ScopedRecordGuard),
    ApiExtension(DOC_SCOPED_RECORD, what),
    ...(roles.length ? [ApiExtension(DOC_ROLES, roles)] : []),
  );
}

/** Runs after the global AuthGuard (which has set the user) and before pipes. */
@Injectable()
export class ScopedRecordGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<ScopedRecordOptions>(SCOPED_RECORD, context.getHandler());
    const request = context.switchToHttp().getRequest<{ user: AuthUser; params: Record<string, string> }>();
    const id = request.params.id ?? '';
    // Every record id is a uuid; anything else is a malformed request (and must not reach SQL).
    if (!isUuid(id)) throw validationFailed({ id: ['id must be a UUID'] });
    const target = await this.modules.get(options.resolver, { strict: false }).scopeOf(id);
    if (!target || !isInScope(request.user, target)) {
      throw new DomainError('not_found', 'not_found', `${options.what} ${id} was not found`, { id });
    }
    if (options.roles.length && !options.roles.includes(request.user.role)) {
      throw roleNotAllowed(options.roles);
    }
    return true;
  }
}
