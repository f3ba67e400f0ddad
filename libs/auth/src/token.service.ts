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
  exp?: number;
  /** When it was issued, in milliseconds (iat has whole seconds): a revocation compares with it. */
  issuedAtMs?: number;
}

/** Tokens whose signature was checked, kept until they expire: at most this many, the oldest forgotten first. */
const VERIFIED_KEPT = 5_000;

/** Signs and verifies access tokens locally: no service calls identity to check one. */
@Injectable()
export class TokenService {
  /**
   * Claims of tokens already verified, by the token's exact text: a client sends the same token
   * on every call, and checking its HMAC and parsing it again cost more than the rest of the
   * guard. Only a token that verified is kept (any other text is checked in full), only until
   * its exp, and revocation is still checked on every call.
   */
  private readonly verified = new Map<string, TokenClaims>();

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
    let c = this.verified.get(token);
    // As jsonwebtoken decides expiry: expired from the second `exp` names on.
    if (c && typeof c.exp === 'number' && Math.floor(Date.now() / 1000) >= c.exp) {
      this.verified.delete(token);
      c = undefined;
    }
    if (!c) {
      try {
        c = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      } catch {
        return undefined;
      }
      if (typeof c.sub !== 'string' || !ROLES.includes(c.role)) return undefined;
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, c);
    }
    if (this.revocations?.isRevoked(c.sub, typeof c.issuedAtMs === 'number' ? c.issuedAtMs : (c.iat ?? 0) * 1000)) return undefined;
    return {
      id: c.sub,
      username: c.username,
      role: c.role,
      townships: Array.isArray(c.townships) ? [...c.townships] : [],
      counties: Array.isArray(c.counties) ? [...c.counties] : [],
      partnerId: c.partnerId ?? null,
    };
  }
}
