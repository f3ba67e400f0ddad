import { Injectable, Optional } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthUser, ROLES } from './auth-user';
import { RevocationList } from './revocation/revocation-list';

interface TokenClaims {
  sub: string;
  username: string;
  role: AuthUser['role'];
  townships: string[];
  counties: string[];
  partnerId: string | null;
  iat?: number;
  /** When it was issued, in milliseconds (iat has whole seconds): a revocation compares with it. */
  issuedAtMs?: number;
}

/** Signs and verifies access tokens locally: no service calls identity to check one. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    // Absent where tokens are only signed (tests making tokens for a process they start).
    @Optional() private readonly revocations?: RevocationList,
  ) {}

  issue(user: AuthUser): Promise<string> {
    const claims: TokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      townships: user.townships,
      counties: user.counties,
      partnerId: user.partnerId,
      issuedAtMs: Date.now(),
    };
    return this.jwt.signAsync(claims);
  }

  /** The user in a valid token, or undefined for a missing, forged, expired, malformed or revoked one. */
  async verify(token: string): Promise<AuthUser | undefined> {
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof c.sub !== 'string' || !ROLES.includes(c.role)) return undefined;
      if (this.revocations?.isRevoked(c.sub, typeof c.issuedAtMs === 'number' ? c.issuedAtMs : (c.iat ?? 0) * 1000)) return undefined;
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
