import { createHash } from 'node:crypto';
import { HttpException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig, errorMessage, TooManyRequestsError } from '@xingfu/common';
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
  admit(username: string, address: string): Promise<void> {
    return this.guarded(() => this.check(username, address));
  }

  failed(username: string, address: string): Promise<void> {
    return this.guarded(() => this.count(username, address));
  }

  succeeded(username: string): Promise<void> {
    return this.guarded(() => this.limiter.clear(failuresKey(username)));
  }

  /** Without the shared counters, logins pause (503) rather than go unlimited. */
  private async guarded(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.logger.error(`login limits unavailable: ${errorMessage(error)}`);
      throw new ServiceUnavailableException({ code: 'login_unavailable', message: 'Logging in is paused for a moment; try again shortly.', details: {} });
    }
  }

  private async check(username: string, address: string): Promise<void> {
    const perAddress = await this.limiter.hit(`login:address:${address}`, this.config.LOGIN_WINDOW_SECONDS);
    if (perAddress.count > this.config.LOGIN_ATTEMPTS_PER_ADDRESS) {
      throw new TooManyRequestsError(perAddress.retryAfterSeconds, 'Too many login attempts from this address; try again later.');
    }
    const locked = await this.limiter.lockedFor(lockKey(username));
    if (locked > 0) throw new TooManyRequestsError(locked, 'Too many failed logins for this username; try again later.');
  }

  private async count(username: string, address: string): Promise<void> {
    const failures = await this.limiter.hit(failuresKey(username), this.config.LOGIN_LOCK_SECONDS);
    if (failures.count < this.config.LOGIN_MAX_FAILURES) return;
    await this.limiter.lock(lockKey(username), this.config.LOGIN_LOCK_SECONDS);
    await this.limiter.clear(failuresKey(username));
    this.logger.warn({ username, address, failures: failures.count, lockSeconds: this.config.LOGIN_LOCK_SECONDS }, `login locked for "${username}" after ${failures.count} failed attempts`);
  }
}

// Hashed: a username may be any text, a key should not be.
const id = (username: string) => createHash('sha256').update(username).digest('hex').slice(0, 32);
const failuresKey = (username: string) => `login:failures:${id(username)}`;
const lockKey = (username: string) => `login:locked:${id(username)}`;
