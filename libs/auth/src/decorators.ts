import { applyDecorators, createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DOC_ROLES } from '@xingfu/common';
import { AuthUser, Role } from './auth-user';

export const ROLES_KEY = 'xingfu:roles';

/** Only these roles may call the route (403 for other roles). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(DOC_ROLES, roles));

/** The 403 of a caller whose role may not do this. */
export function roleNotAllowed(roles: Role[]): ForbiddenException {
  return new ForbiddenException({ code: 'forbidden', message: `This needs one of the roles: ${roles.join(', ')}.`, details: { roles } });
}

/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
