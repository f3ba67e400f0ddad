import { randomBytes } from 'node:crypto';

/** 12 random bytes → 16 base64url characters (96 bits): typed once, changed soon after. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
