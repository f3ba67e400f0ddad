import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser, Role, Roles } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';

type RecordKind = 'application' | 'public notice' | 'objection';
const RECORD_KIND = 'xingfu:applications:record-kind';

/**
 * Answers a partner on any route of one application, notice or objection with the 404 of a
 * record that does not exist, before the body is even validated: partners never see
 * applications, and a 403 (or a 400 about the body) would tell them the route and the record
 * are there. Runs after the global AuthGuard, which has set the user.
 */
@Injectable()
export class HiddenFromPartnersGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ user?: AuthUser; params: Record<string, string> }>();
    if (request.user?.role !== 'partner') return true;
    const what = this.reflector.get<RecordKind>(RECORD_KIND, context.getHandler()) ?? 'record';
    const id = request.params.id ?? '';
    throw new DomainError('not_found', 'not_found', `${what} ${id} was not found`, { id });
  }
}

/**
 * A route on one record of the intake (`/applications/:id/...`, `/public-notices/:id/...`,
 * `/objections/:id/...`). `roles` may act; a partner gets 404 (see HiddenFromPartnersGuard);
 * any other role 403, since it may know the record but not act on it. No roles: every role
 * but a partner may call it (the handler applies the scope).
 */
export function RecordRoute(what: RecordKind, ...roles: Role[]): MethodDecorator {
  // 'partner' is let past the role check only so the guard can answer 404 instead of 403.
  const roleCheck = roles.length ? [Roles(...roles, 'partner')] : [];
  return applyDecorators(SetMetadata(RECORD_KIND, what), ...roleCheck, UseGuards(HiddenFromPartnersGuard));
}
