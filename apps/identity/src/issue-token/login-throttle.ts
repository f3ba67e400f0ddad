import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, TooManyRequestsError } from '@xingfu/common';
import { RateLimiter } from '@xingfu/platform';

/**
 * Limits password guessing: each client address has LOGIN_ATTEMPTS_PER_ADDRESS tries per
 * LOGIN_WINDOW_SECONDS, and a username is locked for LOGIN_LOCK_SECONDS after
 * LOGIN_MAX_FAILURES failures in a row. Unknown usernames count and lock exactly as known
 * ones do, so neither the answer nor its timing tells which names exist.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /** Before the password is checked: 429 for an address over its limit or a locked username. */
  async admit(username: string, address: string): Promise<void> {
    const perAddress = await this.limiter.hit(`login:address:${address}`, this.config.LOGIN_WINDOW_SECONDS);
    if (perAddress.count > this.config.LOGIN_ATTEMPTS_PER_ADDRESS) {
      throw new TooManyRequestsError(perAddress.retryAfterSeconds, 'Too many login attempts from this address; try again later.');
    }
    const locked = await this.limiter.lockedFor(lockKey(username));
    if (locked > 0) throw new TooManyRequestsError(locked, 'Too many failed logins for this username; try again later.');
  }

  async failed(username: string, address: string): Promise<void> {
    const failures = await this.limiter.hit(failuresKey(username), this.config.LOGIN_LOCK_SECONDS);
    if (failures.count < this.config.LOGIN_MAX_FAILURES) return;
    await this.limiter.lock(lockKey(username), this.config.LOGIN_LOCK_SECONDS);
    await this.limiter.clear(failuresKey(username));
    this.logger.warn({ username, address, failures: failures.count, lockSeconds: this.config.LOGIN_LOCK_SECONDS }, `login locked for "${username}" after ${failures.count} failed attempts`);
  }

  async succeeded(username: string): Promise<void> {
    await this.limiter.clear(failuresKey(username));
  }
}

// Hashed: a username may be any text, a key should not be.
const id = (username: string) => createHash('sha256').update(username).digest('hex').slice(0, 32);
const failuresKey = (username: string) => `login:failures:${id(username)}`;
const lockKey = (username: string) => `login:locked:${id(username)}`;
