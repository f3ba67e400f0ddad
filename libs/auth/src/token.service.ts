import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthUser, ROLES } from './auth-user';

interface TokenClaims {
  sub: string;
  username: string;
  role: AuthUser['role'];
  townships: string[];
  counties: string[];
  partnerId: string | null;
}

/** Signs and verifies access tokens locally: no service calls identity to check one. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: AuthUser): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      townships: user.townships,
      counties: user.counties,
      partnerId: user.partnerId,
    };
    return this.jwt.signAsync(claims);
  }

  /** The user in a valid token, or undefined for a missing, forged, expired or malformed one. */
  async verify(token: string): Promise<AuthUser | undefined> {
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof c.sub !== 'string' || !ROLES.includes(c.role)) return undefined;
      return {
        id: c.sub,
        username: c.username,
        role: c.role,
        townships: Array.isArray(c.townships) ? c.townships : [],
        counties: Array.isArray(c.counties) ? c.counties : [],
        partnerId: c.partnerId ?? null,
      };
    } catch {
      return undefined;
    }
  }
}
