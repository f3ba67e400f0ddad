import { Logger } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { counter, errorMessage } from '@xingfu/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { envelopeOf, OutboxRow } from '../outbox/outbox-row';
import { outboxChannel } from '../tables';
import { EventTransport, PublishOutcome } from '../transport/event-transport';
import { backoffMs } from './backoff';
import { OutboxWakeups } from '../outbox/outbox-wakeups';

export interface RelayPolicy {
  pollIntervalMs: number;
  batchSize: number;
  maxAttempts: number;
  backoffBaseMs: number;
  /** How long a claimed batch stays reserved; a relay that dies mid-publish loses its claim after this. */
  leaseSeconds: number;
  retentionHours: number;
}

/** Whether the relay's publishes go through, as /ready reports it. */
export interface RelayHealth {
  service: ServiceName;
  /** Since when every attempt to publish has failed (undefined: the last one went through, or none failed). */
  failingSince?: number;
  /** The last failure's reason. */
  reason?: string;
  /** The topic the broker says it does not have, when that is the reason. */
  missingTopic?: string;
}

const published = counter('xingfu_outbox_published_total', 'Outbox events published', ['service']);
const failed = counter('xingfu_outbox_failed_total', 'Outbox events parked as failed after their last attempt', ['service']);
const publishErrors = counter('xingfu_outbox_publish_errors_total', 'Outbox publish attempts that did not go through', ['service', 'reason']);

/**
 * Publishes one service's outbox. Woken after a commit (in memory, or by a NOTIFY from another
 * process), and polls as a fallback. A batch is recorded and the next claimed in one statement
 * after its delivery, so the next batch holds every row committed while this one was delivered.
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
  private unregisterWake?: () => void;
  /** Set when publishing began to fail, cleared when a publish goes through again. */
  private failure?: { since: number; reason: string; missingTopic?: string };

  constructor(
    private readonly service: ServiceName,
    private readonly databaseUrl: string,
    private readonly dataSource: DataSource,
    private readonly transport: EventTransport,
    private readonly policy: RelayPolicy,
    private readonly wakeups?: OutboxWakeups,
  ) {
    this.logger = new Logger(`OutboxRelay:${service}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Commits in this process wake the relay in memory while it leads (NOTIFY otherwise).
    this.unregisterWake = this.wakeups?.register(this.service, () => {
      if (!this.leader) return false;
      this.onNotification();
      return true;
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.unregisterWake?.();
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.dropListener();
  }

  health(): RelayHealth {
    return { service: this.service, failingSince: this.failure?.since, reason: this.failure?.reason, missingTopic: this.failure?.missingTopic };
  }

  /** The age in seconds of the oldest row still pending (0 when none is). */
  async oldestPendingSeconds(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM "${this.service}".outbox WHERE status = 'pending'`,
    );
    return Math.round(Number(row?.age ?? 0));
  }

  /**
   * One log line when publishing starts failing (or fails for another kind of reason: the broker
   * unreachable, a topic missing), and one when it works again: not one per attempt.
   */
  private noteOutcomes(outcomes: PublishOutcome[]): void {
    const down = outcomes.find((o): o is Extract<PublishOutcome, { status: 'unavailable' }> => o.status === 'unavailable');
    if (down) {
      const missingTopic = down.missingTopic;
      if (!this.failure || this.failure.missingTopic !== missingTopic) {
        if (missingTopic) {
          this.logger.error(`cannot publish: the broker has no topic ${missingTopic}; events wait in the outbox until it is created (${down.error})`);
        } else {
          this.logger.warn(`publishing is failing: the broker is unavailable (${down.error}); retrying every ${this.policy.pollIntervalMs} ms, events wait in the outbox`);
        }
      }
      this.failure = { since: this.failure?.since ?? Date.now(), reason: down.error, missingTopic };
      return;
    }
    if (this.failure && outcomes.some((o) => o.status === 'published')) {
      const seconds = Math.round((Date.now() - this.failure.since) / 1000);
      this.logger.log(`publishing works again after ${seconds} s of failures (last: ${this.failure.missingTopic ? `no topic ${this.failure.missingTopic}` : this.failure.reason})`);
      this.failure = undefined;
    }
  }

  private async run(): Promise<void> {
    /** Claimed by the statement that recorded the last batch: delivered next. */
    let rows: OutboxRow[] = [];
    while (this.running) {
      let more = false;
      try {
        if (!this.leader) {
          rows = []; // claimed under a lock since lost: they wait out their lease, as any claimed before a drop
          await this.tryToLead();
        }
        if (this.leader) {
          if (!rows.length) {
            this.notified = false; // cleared before the claim: a wake for a later commit sets it again
            rows = await this.settle([], []);
          }
          if (rows.length) {
            const delivered = rows;
            rows = []; // a delivery that throws leaves its batch leased: its outcome is unknown
            const outcomes = await this.deliver(delivered);
            this.noteOutcomes(outcomes);
            this.notified = false;
            rows = await this.settle(delivered, outcomes);
            // Rows skipped behind a failed key are due again at once: claim them without waiting for the poll.
            more = rows.length > 0 || outcomes.some((o) => o.status === 'skipped');
          }
          await this.archiveIfDue();
        }
      } catch (error) {
        this.logger.warn(`relay round failed: ${errorMessage(error)}`);
        publishErrors.inc({ service: this.service, reason: 'relay' });
        await this.release(rows);
        rows = [];
        if (!(await this.listenerAlive())) await this.dropListener();
      }
      if (!more && this.running) await this.sleep(this.policy.pollIntervalMs);
    }
    await this.release(rows);
  }

  /** Gives claimed, undelivered rows back (due now) instead of leaving them leased. */
  private async release(rows: OutboxRow[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource
      .query(`UPDATE "${this.service}".outbox SET next_attempt_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)])
      .catch((error) => this.logger.warn(`could not release ${rows.length} claimed rows (they wait out their lease): ${errorMessage(error)}`));
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
    this.failure = undefined; // a standby publishes nothing: whoever leads now reports

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
   * Records what became of the batch just delivered and claims the next, in ONE statement (one
   * round trip): the record's UPDATEs as data-modifying CTEs, the claim as the main UPDATE. They
   * share a snapshot, so to the claim the delivered rows still look leased: they are left out of
   * it and do not hold their keys back, and the keys of those that did not go out hold back all
   * their rows instead (seen by the next claim as the record left them). The claim takes due rows
   * in seq order, skipping a key whose earlier row is leased elsewhere. It runs on the connection
   * that holds the lock: a relay whose connection dropped (and so lost the lock) cannot claim,
   * even before it notices, and a claim in flight when it dropped rolls back with the record; so
   * a standby that takes over never claims beside it. Rows claimed before the drop stay leased,
   * which keeps their keys' later rows back until they are recorded. Without that connection the
   * batch is still recorded, through the pool, and nothing is claimed.
   */
  private async settle(delivered: OutboxRow[], outcomes: PublishOutcome[]): Promise<OutboxRow[]> {
    const s = `"${this.service}"`;
    const params: unknown[] = [];
    const $ = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    const ctes: string[] = [];
    const seqs = (status: PublishOutcome['status']) => delivered.filter((_, i) => outcomes[i].status === status).map((r) => r.seq);
    const sent = seqs('published');
    if (sent.length) ctes.push(`UPDATE ${s}.outbox SET status = 'published', published_at = now(), last_error = NULL WHERE seq = ANY(${$(sent, 'bigint[]')})`);
    const skipped = seqs('skipped');
    if (skipped.length) ctes.push(`UPDATE ${s}.outbox SET next_attempt_at = now() WHERE seq = ANY(${$(skipped, 'bigint[]')})`);
    const unavailable = delivered.flatMap((row, i) => {
      const outcome = outcomes[i];
      return outcome.status === 'unavailable' ? [{ seq: row.seq, error: outcome.error }] : [];
    });
    if (unavailable.length) {
      ctes.push(
        `UPDATE ${s}.outbox o SET next_attempt_at = now() + make_interval(secs => ${$(this.policy.pollIntervalMs / 1000, 'float8')}), last_error = u.error
           FROM unnest(${$(unavailable.map((u) => u.seq), 'bigint[]')}, ${$(unavailable.map((u) => u.error), 'text[]')}) AS u(seq, error) WHERE o.seq = u.seq`,
      );
    }
    // The message itself was refused: count the attempt; after the last one park it as failed.
    const rejected = delivered.flatMap((row, i) => {
      const outcome = outcomes[i];
      if (outcome.status !== 'rejected') return [];
      const attempts = row.attempts + 1;
      return [{ row, error: outcome.error, attempts, last: attempts >= this.policy.maxAttempts }];
    });
    if (rejected.length) {
      ctes.push(
        `UPDATE ${s}.outbox o SET attempts = r.attempts, last_error = r.error, status = r.status, next_attempt_at = now() + make_interval(secs => r.delay)
           FROM unnest(${$(rejected.map((r) => r.row.seq), 'bigint[]')}, ${$(rejected.map((r) => r.attempts), 'int[]')}, ${$(rejected.map((r) => r.error), 'text[]')},
                       ${$(rejected.map((r) => (r.last ? 'failed' : 'pending')), 'text[]')}, ${$(rejected.map((r) => backoffMs(r.attempts, this.policy.backoffBaseMs) / 1000), 'float8[]')})
                AS r(seq, attempts, error, status, delay)
          WHERE o.seq = r.seq`,
      );
    }
    const client = this.listener;
    const recorded = () => {
      if (sent.length) published.inc({ service: this.service }, sent.length);
      if (unavailable.length) publishErrors.inc({ service: this.service, reason: 'unavailable' }, unavailable.length);
      for (const { row, error, attempts, last } of rejected) {
        publishErrors.inc({ service: this.service, reason: 'rejected' });
        if (!last) continue;
        failed.inc({ service: this.service });
        this.logger.error(`parked ${row.type} ${row.event_id} as failed after ${attempts} attempts: ${error}`);
      }
    };
    const withCtes = ctes.length ? `WITH ${ctes.map((cte, i) => `recorded_${i} AS (${cte})`).join(',\n')}\n` : '';
    if (!client) {
      if (ctes.length) await this.dataSource.query(`${withCtes}SELECT 1`, params);
      recorded();
      return [];
    }
    const inFlight = $(delivered.map((r) => r.seq), 'bigint[]');
    const held = $([...new Set(delivered.filter((_, i) => outcomes[i].status !== 'published').map((r) => r.key))], 'text[]');
    const { rows } = await client.query<OutboxRow>(
      `${withCtes}UPDATE ${s}.outbox o SET next_attempt_at = now() + make_interval(secs => ${$(this.policy.leaseSeconds, 'float8')})
        WHERE o.seq IN (
          SELECT c.seq FROM ${s}.outbox c
           WHERE c.status = 'pending' AND c.next_attempt_at <= now() AND c.seq <> ALL(${inFlight}) AND c.key <> ALL(${held})
             AND NOT EXISTS (SELECT 1 FROM ${s}.outbox p
                              WHERE p.status = 'pending' AND p.key = c.key AND p.seq < c.seq AND p.next_attempt_at > now()
                                AND p.seq <> ALL(${inFlight}))
           ORDER BY c.seq LIMIT ${$(this.policy.batchSize, 'int')}
           FOR UPDATE SKIP LOCKED)
        RETURNING o.seq, o.event_id, o.topic, o.key, o.type, o.version, o.payload, o.headers, o.attempts`,
      params,
    );
    recorded();
    rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
    return rows;
  }

  /** Publishes a batch (each key's rows in seq order; the transport keeps that order per key). */
  private async deliver(rows: OutboxRow[]): Promise<PublishOutcome[]> {
    return this.transport.publish(rows.map((row) => ({ topic: row.topic, key: row.key, envelope: envelopeOf(row) })));
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
