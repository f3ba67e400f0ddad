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
 * process), and polls as a fallback. The next batch is claimed while the current one is
 * delivered, and delivered after it.
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
    /** The next batch, claimed while the current one is delivered. */
    let next: Promise<OutboxRow[]> | undefined;
    /** Keys whose event did not go out in the last batch: their later rows in `next` must wait. */
    let blocked = new Set<string>();
    while (this.running) {
      let more = false;
      try {
        if (!this.leader) await this.tryToLead();
        if (!this.leader && next) {
          // Claimed under a lock since lost: those rows wait out their lease, as any claimed before a drop.
          next = undefined;
          blocked = new Set();
        }
        if (this.leader) {
          if (!next) {
            this.notified = false; // cleared before the claim: a wake for a later commit sets it again
            blocked = new Set(); // a claim after the last record sees every failure in the table itself
          }
          const rows = await (next ?? this.claim([]));
          next = undefined;
          if (rows.length) {
            this.notified = false;
            next = this.claim(rows.map((r) => r.seq));
            next.catch(() => undefined); // awaited (and its failure handled) in the next round
            const outcomes = await this.deliver(rows, blocked);
            this.noteOutcomes(outcomes);
            await next.catch(() => undefined); // no record while the claim runs: it must not see rows half recorded
            await this.record(rows, outcomes);
            blocked = new Set(rows.filter((_, i) => outcomes[i].status !== 'published').map((r) => r.key));
            more = true;
          }
          await this.archiveIfDue();
        }
      } catch (error) {
        this.logger.warn(`relay round failed: ${errorMessage(error)}`);
        publishErrors.inc({ service: this.service, reason: 'relay' });
        // A batch claimed beside one whose outcome is unknown must not go out before it.
        await this.release(next);
        next = undefined;
        blocked = new Set();
        if (!(await this.listenerAlive())) await this.dropListener();
      }
      if (!more && this.running) await this.sleep(this.policy.pollIntervalMs);
    }
    await this.release(next);
  }

  /** Gives claimed, undelivered rows back (due now) instead of leaving them leased. */
  private async release(claimed: Promise<OutboxRow[]> | undefined): Promise<void> {
    const rows = await claimed?.catch(() => []);
    if (!rows?.length) return;
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
   * Claims due rows (skipping any key whose earlier event is still in flight), in seq order.
   * `inFlight` is the batch being delivered right now by this relay: its rows do not hold their
   * keys back, because this batch is delivered only after that one (and a key that failed there
   * is skipped here). The claim runs on the connection that holds the lock: a relay whose
   * connection dropped (and so lost the lock) cannot claim, even before it notices, and a claim
   * in flight when it dropped rolls back with it; so a standby that takes over never claims
   * beside it. Rows claimed before the drop stay leased, which keeps their keys' later rows back
   * until they are recorded.
   */
  private async claim(inFlight: string[]): Promise<OutboxRow[]> {
    const client = this.listener;
    if (!client) return [];
    const s = `"${this.service}"`;
    const { rows } = await client.query<OutboxRow>(
      `UPDATE ${s}.outbox o SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE o.seq IN (
          SELECT c.seq FROM ${s}.outbox c
           WHERE c.status = 'pending' AND c.next_attempt_at <= now() AND c.seq <> ALL($3::bigint[])
             AND NOT EXISTS (SELECT 1 FROM ${s}.outbox p
                              WHERE p.status = 'pending' AND p.key = c.key AND p.seq < c.seq AND p.next_attempt_at > now()
                                AND p.seq <> ALL($3::bigint[]))
           ORDER BY c.seq LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING o.seq, o.event_id, o.topic, o.key, o.type, o.version, o.payload, o.headers, o.attempts`,
      [this.policy.batchSize, this.policy.leaseSeconds, inFlight],
    );
    rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
    return rows;
  }

  /** Publishes a batch; rows of a key that did not go out in the batch before are skipped. */
  private async deliver(rows: OutboxRow[], blocked: Set<string>): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = rows.map(() => ({ status: 'skipped' }));
    const sendable = rows.flatMap((row, i) => (blocked.has(row.key) ? [] : [i]));
    if (sendable.length === 0) return outcomes;
    const sent = await this.transport.publish(sendable.map((i) => ({ topic: rows[i].topic, key: rows[i].key, envelope: envelopeOf(rows[i]) })));
    sendable.forEach((rowIndex, k) => (outcomes[rowIndex] = sent[k]));
    return outcomes;
  }

  private async record(rows: OutboxRow[], outcomes: PublishOutcome[]): Promise<void> {
    const s = `"${this.service}"`;
    const sent = rows.filter((_, i) => outcomes[i].status === 'published').map((r) => r.seq);
    if (sent.length) {
      await this.dataSource.query(`UPDATE ${s}.outbox SET status = 'published', published_at = now(), last_error = NULL WHERE seq = ANY($1::bigint[])`, [sent]);
      published.inc({ service: this.service }, sent.length);
    }
    const skipped = rows.filter((_, i) => outcomes[i].status === 'skipped').map((r) => r.seq);
    if (skipped.length) await this.dataSource.query(`UPDATE ${s}.outbox SET next_attempt_at = now() WHERE seq = ANY($1::bigint[])`, [skipped]);
    const unavailable = rows.flatMap((row, i) => {
      const outcome = outcomes[i];
      return outcome.status === 'unavailable' ? [{ seq: row.seq, error: outcome.error }] : [];
    });
    if (unavailable.length) {
      publishErrors.inc({ service: this.service, reason: 'unavailable' }, unavailable.length);
      await this.dataSource.query(
        `UPDATE ${s}.outbox o SET next_attempt_at = now() + make_interval(secs => $3), last_error = u.error
           FROM unnest($1::bigint[], $2::text[]) AS u(seq, error) WHERE o.seq = u.seq`,
        [unavailable.map((u) => u.seq), unavailable.map((u) => u.error), this.policy.pollIntervalMs / 1000],
      );
    }
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i];
      if (outcome.status === 'rejected') await this.recordRejection(row, outcome.error);
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
