import { Logger } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { counter, errorMessage } from '@xingfu/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { envelopeOf, OutboxRow } from '../outbox/outbox-row';
import { outboxChannel } from '../tables';
import { EventTransport, PublishOutcome } from '../transport/event-transport';
import { backoffMs } from './backoff';

export interface RelayPolicy {
  pollIntervalMs: number;
  batchSize: number;
  maxAttempts: number;
  backoffBaseMs: number;
  /** How long a claimed batch stays reserved; a relay that dies mid-publish loses its claim after this. */
  leaseSeconds: number;
  retentionHours: number;
}

const published = counter('xingfu_outbox_published_total', 'Outbox events published', ['service']);
const failed = counter('xingfu_outbox_failed_total', 'Outbox events parked as failed after their last attempt', ['service']);
const publishErrors = counter('xingfu_outbox_publish_errors_total', 'Outbox publish attempts that did not go through', ['service', 'reason']);

/**
 * Publishes one service's outbox. Woken by NOTIFY at commit, and polls as a fallback.
 * Only the holder of the service's advisory lock publishes (the others stand by and take
 * over when its connection drops), so one aggregate's events leave in commit order.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private listener?: Client;
  private leader = false;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY came since the current round began: the next sleep must not wait for the poll. */
  private notified = false;
  private lastArchive = 0;

  constructor(
    private readonly service: ServiceName,
    private readonly databaseUrl: string,
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly policy: RelayPolicy,
  ) {
    this.logger = new Logger(`OutboxRelay:${service}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.dropListener();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let fullBatch = false;
      try {
        if (!this.leader) await this.tryToLead();
        if (this.leader) {
          // Cleared before the claim: a NOTIFY for a row committed after it sets this again.
          this.notified = false;
          fullBatch = (await this.publishBatch()) >= this.policy.batchSize;
          await this.archiveIfDue();
        }
      } catch (error) {
        this.logger.warn(`relay round failed: ${errorMessage(error)}`);
        publishErrors.inc({ service: this.service, reason: 'relay' });
        if (!(await this.listenerAlive())) await this.dropListener();
      }
      if (!fullBatch && this.running) await this.sleep(this.policy.pollIntervalMs);
    }
  }

  private async tryToLead(): Promise<void> {
    if (!this.listener) {
      const client = new Client({ connectionString: this.databaseUrl, application_name: `xingfu-relay-${this.service}` });
      // The lock lives on this connection: when it drops, so does the leadership.
      client.on('error', () => void this.lose(client));
      client.on('end', () => void this.lose(client));
      client.on('notification', () => this.onNotification());
      await client.connect();
      this.listener = client;
    }
    const { rows } = await this.listener.query('SELECT pg_try_advisory_lock(hashtext($1)) AS acquired', [`xingfu.relay.${this.service}`]);
    if (rows[0]?.acquired) {
      await this.listener.query(`LISTEN ${outboxChannel(this.service)}`);
      this.leader = true;
      this.logger.log('leading');
    }
  }

  private async listenerAlive(): Promise<boolean> {
    try {
      await this.listener?.query('SELECT 1');
      return !!this.listener;
    } catch {
      return false;
    }
  }

  private async lose(client: Client): Promise<void> {
    if (client !== this.listener) return; // an old connection's late event, or our own end()
    if (this.leader) this.logger.warn('lost the database connection that holds the lock: standing down');
    await this.dropListener();
  }

  private onNotification(): void {
    this.notified = true;
    this.wake?.();
  }

  private async dropListener(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /**
   * Claims due rows (skipping any key whose earlier event is still in flight), publishes,
   * records outcomes. The claim runs on the connection that holds the lock: a relay whose
   * connection dropped (and so lost the lock) cannot claim, even before it notices, and a
   * claim in flight when it dropped rolls back with it; so a standby that takes over never
   * claims beside it. Rows claimed before the drop stay leased, which keeps their keys' later
   * rows back until they are recorded.
   */
  private async publishBatch(): Promise<number> {
    const client = this.listener;
    if (!client) return 0;
    const s = `"${this.service}"`;
    const { rows } = await client.query<OutboxRow>(
      `UPDATE ${s}.outbox o SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE o.seq IN (
          SELECT c.seq FROM ${s}.outbox c
           WHERE c.status = 'pending' AND c.next_attempt_at <= now()
             AND NOT EXISTS (SELECT 1 FROM ${s}.outbox p
                              WHERE p.status = 'pending' AND p.key = c.key AND p.seq < c.seq AND p.next_attempt_at > now())
           ORDER BY c.seq LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING o.seq, o.event_id, o.topic, o.key, o.type, o.version, o.payload, o.headers, o.attempts`,
      [this.policy.batchSize, this.policy.leaseSeconds],
    );
    if (rows.length === 0) return 0;
    rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
    const outcomes = await this.transport.publish(rows.map((row) => ({ topic: row.topic, key: row.key, envelope: envelopeOf(row) })));
    await this.record(rows, outcomes);
    return rows.length;
  }

  private async record(rows: OutboxRow[], outcomes: PublishOutcome[]): Promise<void> {
    const s = `"${this.service}"`;
    const sent = rows.filter((_, i) => outcomes[i].status === 'published').map((r) => r.seq);
    if (sent.length) {
      await this.dataSource.query(`UPDATE ${s}.outbox SET status = 'published', published_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[])`, [sent]);
      published.inc({ service: this.service }, sent.length);
    }
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i];
      if (outcome.status === 'published') continue;
      if (outcome.status === 'skipped') {
        await this.dataSource.query(`UPDATE ${s}.outbox SET next_attempt_at = now() WHERE seq = $1`, [row.seq]);
      } else if (outcome.status === 'unavailable') {
        publishErrors.inc({ service: this.service, reason: 'unavailable' });
        await this.dataSource.query(
          `UPDATE ${s}.outbox SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE seq = $1`,
          [row.seq, this.policy.pollIntervalMs / 1000, outcome.error],
        );
      } else {
        await this.recordRejection(row, outcome.error);
      }
    }
  }

  /** The message itself was refused: count the attempt; after the last one park it as failed. */
  private async recordRejection(row: OutboxRow, error: string): Promise<void> {
    const attempts = row.attempts + 1;
    const last = attempts >= this.policy.maxAttempts;
    publishErrors.inc({ service: this.service, reason: 'rejected' });
    await this.dataSource.query(
      `UPDATE "${this.service}".outbox SET attempts = $2, last_error = $3, status = $4,
              next_attempt_at = now() + make_interval(secs => $5) WHERE seq = $1`,
      [row.seq, attempts, error, last ? 'failed' : 'pending', backoffMs(attempts, this.policy.backoffBaseMs) / 1000],
    );
    if (last) {
      failed.inc({ service: this.service });
      this.logger.error(`parked ${row.type} ${row.event_id} as failed after ${attempts} attempts: ${error}`);
    }
  }

  /** Moves published rows past retention to outbox_archive, keeping the history replayable. */
  private async archiveIfDue(): Promise<void> {
    if (Date.now() - this.lastArchive < 60_000) return;
    this.lastArchive = Date.now();
    const s = `"${this.service}"`;
    await this.dataSource.query(
      `WITH moved AS (DELETE FROM ${s}.outbox WHERE status = 'published' AND published_at < now() - make_interval(hours => $1) RETURNING *)
       INSERT INTO ${s}.outbox_archive SELECT * FROM moved`,
      [this.policy.retentionHours],
    );
  }
}
