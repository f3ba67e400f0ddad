import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig, errorMessage } from '@xingfu/common';
import { RevocationStore } from './revocation-store';

/**
 * The revoked users as this process knows them, checked on every request without a call to
 * identity or Redis: filled at start, pushed to at once by the store's subscription, re-read
 * every REVOCATION_REFRESH_MS in case a push was missed. A revocation made in this process
 * (standalone, or identity itself) counts before the call that made it returns.
 */
@Injectable()
export class RevocationList implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RevocationList');
  private readonly revokedAt = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => Promise<void>;

  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly store?: RevocationStore,
  ) {}

  /** True when the token (issued at `issuedAtMs`) was issued before the user's revocation. */
  isRevoked(userId: string, issuedAtMs: number): boolean {
    const at = this.revokedAt.get(userId);
    return at !== undefined && issuedAtMs <= at;
  }

  /** Ends every token the user holds now, in this process at once and in the others through the store. */
  async revoke(userId: string): Promise<void> {
    const at = Date.now();
    this.remember(userId, at);
    await this.store?.revoke(userId, at);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.store) return;
    this.unsubscribe = await this.store.subscribe((userId, at) => this.remember(userId, at)).catch((error: unknown) => {
      this.logger.warn(`cannot subscribe to revocations (${errorMessage(error)}); re-reading every ${this.config.REVOCATION_REFRESH_MS} ms`);
      return undefined;
    });
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.REVOCATION_REFRESH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.unsubscribe?.().catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    try {
      for (const [userId, at] of await this.store!.all()) this.remember(userId, at);
    } catch (error) {
      // The list already known stays in force; the next refresh tries again.
      this.logger.warn(`cannot read revocations: ${errorMessage(error)}`);
    }
  }

  private remember(userId: string, at: number): void {
    if ((this.revokedAt.get(userId) ?? 0) < at) this.revokedAt.set(userId, at);
  }
}
