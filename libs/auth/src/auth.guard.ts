import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@xingfu/common';
import { Request } from 'express';
import { AuthUser, Role } from './auth-user';
import { roleNotAllowed, ROLES_KEY } from './decorators';
import { TokenService } from './token.service';

/** Every route needs a valid bearer token unless marked @Public(); @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const user = scheme === 'Bearer' && token ? await this.tokens.verify(token) : undefined;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // A public route may still tell an admin more (/ready's details): the caller, when known.
      if (user) request.user = user;
      return true;
    }
    if (!user) {
      throw new UnauthorizedException({ code: 'unauthorized', message: 'A valid bearer token is required.', details: {} });
    }
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw roleNotAllowed(roles);
    }
    return true;
  }
}
