import { randomUUID } from 'node:crypto';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { currentCorrelationId } from '@xingfu/common';
import { AuthUser, CommandContext, userContext } from '@xingfu/kernel';

/** The context of an HTTP request: the authenticated user and the request's correlation id. */
export function requestContextOf(user: AuthUser): CommandContext {
  return userContext(user, currentCorrelationId() ?? randomUUID());
}

/** `@Ctx() context: CommandContext` in a controller: what every command it issues carries. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  return requestContextOf(ctx.switchToHttp().getRequest<{ user: AuthUser }>().user);
});
