import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig, ManualClock, PiiCipher } from '@xingfu/common';
import { EventContract, EventEnvelope, ServiceName } from '@xingfu/contracts';
import { ServiceDatabase } from '@xingfu/database';
import { DAILY_SWEEP_JOB, drainJobs } from '@xingfu/jobs';
import { consumerKey, EVENT_CONSUMER, EventConsumerOptions, messagingTablesMigration, OutboxWriter } from '@xingfu/messaging';
import { RedisConnection } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, newTownshipCode, startTestApp, TEST_PII_KEY, TestApp } from '@xingfu/testing';
import { Queue } from 'bullmq';
import { remindersDatabase } from '../../apps/reminders/src/reminders.database';
import { RemindersModule } from '../../apps/reminders/src/reminders.module';
import { FakeSmsGateway } from './fake-sms-gateway';
import { PrivateRedis } from './private-redis';
import { Upstream } from './upstream-events';

/**
 * The services reminders listens to, present only as their outboxes: a test appends their
 * events as they do (OutboxWriter, in a transaction, into the producer's schema) and their
 * relays publish them, in-process or over the broker, into reminders' inbox consumers. None of
 * their modules runs, so what reminders does follows from its events alone.
 */
const UPSTREAM: ServiceName[] = ['applications', 'guarantees', 'loans', 'partners'];
const upstreamOutboxes: ServiceDatabase[] = UPSTREAM.map((schema) => ({ schema, entities: [], migrations: [messagingTablesMigration(schema, 1763800000000)] }));

export const SMS_KEY = 'test-sms-key';
export const SMS_TEMPLATE_ID = 'SMS_TEST_0001';

export interface RemindersWorldOptions {
  /** Names the test database. */
  label: string;
  kafka?: boolean;
  /** The first business date (09:00 Asia/Shanghai on it). */
  today?: string;
  /** Configure the fake SMS gateway as REMINDERS_SMS_URL (default true); false: the log channel. */
  sms?: boolean;
  /** A redis-server of the test's own (world.redis), started before the app and killed after it, instead of the shared one. */
  privateRedis?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ReminderRow {
  id: string;
  kind: string;
  subject_id: string;
  offset: string;
  due_on: string;
  swept_on: string;
  recipient_role: string;
  channel: string;
  status: string;
  attempts: number;
  message_id: string | null;
  loan_id: string | null;
  phone_hash: string | null;
  facts: Record<string, unknown>;
}

/**
 * What a reminders integration test stands on: the reminders module alone on real PostgreSQL
 * and Redis (and the broker with kafka), a ManualClock it moves one business date at a time,
 * a fake SMS gateway that is a real HTTP server, the upstream services' events built from their
 * contracts (`world.up`), and the officer, manager and admin of one county and township.
 */
export class RemindersWorld {
  readonly clock: ManualClock;
  readonly township = newTownshipCode();
  readonly county = this.township.slice(0, 6);
  readonly village = `${this.township}001`;
  readonly projectId = randomUUID();
  readonly pii = new PiiCipher(Buffer.from(TEST_PII_KEY, 'hex'));
  readonly up = new Upstream(this);
  app!: TestApp;
  gateway!: FakeSmsGateway;
  /** With privateRedis: the test's own redis-server, to kill and start again empty. */
  redis?: PrivateRedis;
  admin!: string;
  officer!: string;
  manager!: string;
  private databaseUrl?: string;
  private running = false;
  private sweepQueue?: Queue;
  private consumerOptions?: EventConsumerOptions[];

  constructor(
    private readonly options: RemindersWorldOptions,
    readonly today = options.today ?? '2026-11-22',
  ) {
    this.clock = new ManualClock(this.today);
  }

  async start(): Promise<void> {
    this.databaseUrl = await createTestDatabase(this.options.label);
    this.gateway = await FakeSmsGateway.start();
    if (this.options.privateRedis) this.redis = await PrivateRedis.start();
    await this.startApp();
  }

  /** The app (again, if it ran) on the same database and Redis (a deploy, the end of an outage): the start-up catch-up runs. */
  async restart(): Promise<void> {
    await this.stopApp();
    await this.startApp();
  }

  /** Only the app (the database, the gateway and the clock stay): an outage until restart(). */
  async stopApp(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.sweepQueue?.close();
    this.sweepQueue = undefined;
    this.consumerOptions = undefined;
    await this.app.close();
  }

  async stop(): Promise<void> {
    await this.stopApp();
    await this.gateway?.close();
    await this.redis?.kill();
    if (this.databaseUrl) await dropTestDatabase(this.databaseUrl);
  }

  private async startApp(): Promise<void> {
    const sms = this.options.sms === false ? {} : { REMINDERS_SMS_URL: this.gateway.url, REMINDERS_SMS_KEY: SMS_KEY, REMINDERS_SMS_TEMPLATE_ID: SMS_TEMPLATE_ID };
    this.app = await startTestApp({
      services: [remindersDatabase, ...upstreamOutboxes],
      modules: [RemindersModule],
      databaseUrl: this.databaseUrl as string,
      kafka: this.options.kafka,
      clock: this.clock,
      env: { ...sms, ...(this.redis ? { REDIS_URL: this.redis.url } : {}), ...this.options.env },
    });
    this.running = true;
    this.admin = await this.app.tokenFor('admin');
    this.officer = await this.app.tokenFor('officer', { townships: [this.township] });
    this.manager = await this.app.tokenFor('project_manager', { counties: [this.county] });
  }

  sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.app.dataSource.query(query, params);
  }

  /** Requests as this token, under /api/v1. */
  as(token: string) {
    const http = () => this.app.http();
    const auth = { Authorization: `Bearer ${token}` };
    return {
      get: (path: string) => http().get(`/api/v1${path}`).set(auth),
      post: (path: string, body?: object) => http().post(`/api/v1${path}`).set(auth).send(body ?? {}),
      put: (path: string, body?: object) => http().put(`/api/v1${path}`).set(auth).send(body ?? {}),
    };
  }

  /**
   * As the producing service does: appended through the OutboxWriter in a transaction of its
   * own, into the producer's schema (the contract is checked there); its relay publishes it.
   * Resolves once every reminders consumer of the event has handled it; throws when one parked it.
   */
  async publish<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P): Promise<EventEnvelope<P>> {
    const envelope = await this.app.dataSource.transaction((manager) =>
      this.app.app.get(OutboxWriter).append(manager, contract, { aggregateId, payload, context: { correlationId: randomUUID(), causationId: null, actor: `system:${contract.producer}-test` } }),
    );
    await this.handled(envelope);
    return envelope;
  }

  /** Waits until each reminders consumer of the event's type has it in its inbox. */
  async handled(envelope: EventEnvelope): Promise<void> {
    const consumers = this.consumersOf(envelope.type);
    const deadline = Date.now() + 60_000;
    for (;;) {
      // A parked event is the consumer failing, not a wait: said at once, with its error.
      const parked = await this.sql<{ consumer: string; error: string }>(`SELECT consumer, error FROM reminders.dead_letters WHERE event_id = $1`, [envelope.eventId]);
      if (parked.length) throw new Error(`reminders parked ${envelope.type} ${envelope.eventId}: ${JSON.stringify(parked)}`);
      const rows = await this.sql<{ consumer: string }>(`SELECT consumer FROM reminders.inbox WHERE event_id = $1`, [envelope.eventId]);
      const missing = consumers.filter((c) => !rows.some((r) => r.consumer === c));
      if (!missing.length) return;
      if (Date.now() > deadline) throw new Error(`${envelope.type} ${envelope.eventId} not handled within 60 s by ${missing.join(', ')}`);
      await sleep(25);
    }
  }

  /** The reminders consumers (by inbox key) that take events of this type. */
  consumersOf(type: string): string[] {
    this.consumerOptions ??= this.app.app
      .get(DiscoveryService, { strict: false })
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(EVENT_CONSUMER, w.metatype))
      .map((w) => Reflect.getMetadata(EVENT_CONSUMER, w.metatype as object) as EventConsumerOptions)
      .filter((o) => o.service === 'reminders');
    return this.consumerOptions.filter((o) => o.events.some((c) => c.type === type)).map(consumerKey);
  }

  /** POST /api/v1/admin/sweeps/reminders {asOf} as an admin; the body it answered. */
  async sweepRoute(asOf: string): Promise<Record<string, unknown>> {
    const res = await this.as(this.admin).post('/admin/sweeps/reminders', { asOf });
    if (res.status !== 200 && res.status !== 201) throw new Error(`the reminders sweep answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The daily sweep's trigger (as the schedule or a moved business date adds it): the runner catches up every date not run yet, up to today. */
  async dailySweep(): Promise<void> {
    this.sweepQueue ??= new Queue('reminders-sweeps', { connection: this.app.app.get(RedisConnection).options(), prefix: this.app.app.get(AppConfig).BULLMQ_PREFIX });
    await this.sweepQueue.add(DAILY_SWEEP_JOB, { sweep: 'reminders-due', reason: 'business-date' });
  }

  /** Until no queue has a job waiting, running or due (retries back off for seconds: a long wait). */
  drain(timeoutMs = 120_000): Promise<void> {
    return drainJobs(this.app.app, timeoutMs);
  }

  /** One business day: the date set (09:00 there), the daily sweep run for it, every job it made done. */
  async day(date: string): Promise<void> {
    this.clock.set(date);
    await this.dailySweep();
    await this.drain();
  }

  /** The dates the daily sweep has run for. */
  async sweptDates(): Promise<string[]> {
    const rows = await this.sql<{ d: string }>(`SELECT business_date::text AS d FROM platform.sweep_runs WHERE service = 'reminders' ORDER BY business_date`);
    return rows.map((r) => r.d);
  }

  /** The reminder rows (all, or of one loan), in the order they fell due. */
  reminders(where: { loanId?: string; subjectPrefix?: string } = {}): Promise<ReminderRow[]> {
    return this.sql<ReminderRow>(
      `SELECT id, kind, subject_id, "offset", due_on::text, swept_on::text, recipient_role, channel, status, attempts, message_id, loan_id::text, phone_hash, facts
         FROM reminders.reminders
        WHERE ($1::uuid IS NULL OR loan_id = $1) AND ($2::text IS NULL OR subject_id LIKE $2 || '%')
        ORDER BY due_on, kind COLLATE "C", subject_id COLLATE "C", "offset" COLLATE "C"`,
      [where.loanId ?? null, where.subjectPrefix ?? null],
    );
  }

  reminder(id: string): Promise<ReminderRow | undefined> {
    return this.sql<ReminderRow>(`SELECT id, kind, subject_id, "offset", due_on::text, swept_on::text, recipient_role, channel, status, attempts, message_id, loan_id::text, phone_hash, facts FROM reminders.reminders WHERE id = $1`, [id]).then((r) => r[0]);
  }

  messages(): Promise<{ id: string; channel: string; recipient_role: string; phone_hash: string | null; send_day: string; body: string; status: string; attempts: number; gateway_answer: unknown }[]> {
    return this.sql(`SELECT id, channel, recipient_role, phone_hash, send_day::text, body, status, attempts, gateway_answer FROM reminders.messages ORDER BY send_day, id`);
  }

  tasks(): Promise<{ id: string; reminder_id: string; recipient_role: string; township_code: string | null; due_on: string; status: string; title: string }[]> {
    return this.sql(`SELECT id, reminder_id, recipient_role, township_code, due_on::text, status, title FROM reminders.tasks ORDER BY due_on, reminder_id`);
  }

  /** The keyed hash reminders keeps of a phone (the same key as the tests' PII key). */
  phoneHash(phone: string): string {
    return this.pii.lookupHash(phone);
  }
}

/**
 * Registers the hooks in the calling describe and hands back the world they fill; read it
 * inside hooks and tests only. The clock goes back to `today` after each test.
 */
export function useRemindersWorld(options: RemindersWorldOptions): RemindersWorld {
  const world = new RemindersWorld(options);
  beforeAll(() => world.start());
  afterAll(() => world.stop());
  return world;
}
