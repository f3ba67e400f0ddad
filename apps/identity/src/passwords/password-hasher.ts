import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt, because it is slow and memory-hard: a leaked table costs an attacker real
 * hardware per guess. N=16384, r=8, p=1 needs 16 MiB and some tens of milliseconds.
 */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A hash of a random password nobody knows, in the current format. Checking an unknown
 * username against it costs as much as checking a real user, so response time does not
 * reveal which usernames exist.
 */
const DUMMY_HASH =
  'scrypt$16384$8$1$QczuCe237TW0a2MtmQK2SA==$hsSs2tg61JWlHNbInsT05zblu2t2ktzJ9/xBlY6urFPgJgsz4qiKqLtxY9UOvESb8R71V7CLhUBEvILS4jS4dg==';

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** Stored as `scrypt$N$r$p$<salt b64>$<key b64>`, so the cost can be raised later without breaking old hashes. */
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, COST);
    return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /** True only when the password matches; a malformed stored hash never matches. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parse(stored);
    if (!parsed) return false;
    try {
      const key = await derive(password, parsed.salt, parsed.key.length, parsed);
      return timingSafeEqual(key, parsed.key);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real check and answers false (for usernames that do not exist). */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(password, DUMMY_HASH);
    return false;
  }
}

function derive(password: string, salt: Buffer, keyLength: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is just enough for the current cost; leave room for raised ones.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Bounds keep a corrupted (or planted) row from asking for gigabytes of memory. */
function parse(stored: string): ParsedHash | undefined {
  if (typeof stored !== 'string') return undefined;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,7}$/.test(s) ? Number(s) : NaN));
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N < 1024 || N > 1048576) return undefined;
  if (!(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return undefined;
  if (!BASE64.test(parts[4]) || !BASE64.test(parts[5])) return undefined;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 128) return undefined;
  return { N, r, p, salt, key };
}
