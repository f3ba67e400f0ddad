import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM for values that must be read back (ID numbers, cards),
 * and a keyed hash (HMAC-SHA256) for equality lookups (one mother, one open application)
 * without decrypting. Two sub-keys are derived from one key so neither use weakens the other.
 */
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the PII key must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'xingfu/pii/encrypt', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'xingfu/pii/lookup', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed PII value');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Same input, same hash (for unique lookups); useless without the key. */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.lookupKey).update(plain).digest('hex');
  }
}
