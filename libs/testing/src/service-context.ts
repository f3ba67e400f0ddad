import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ManualClock } from '@xingfu/common';
import { EventContract, EventEnvelope, ServiceName, topicOf } from '@xingfu/contracts';
import { ServiceDatabase } from '@xingfu/database';
import { drainJobs } from '@xingfu/jobs';
import { AuthUser, CommandContext, Role, userContext } from '@xingfu/kernel';
import { EVENT_TRANSPORT, EventTransport, HOSTED_SERVICES, newEnvelope } from '@xingfu/messaging';
import { BusinessDateStore, createRootModule } from '@xingfu/platform';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from './test-database';
import { testEnv } from './test-env';

export interface BootedService {
  app: INestApplicationContext;
  clock: ManualClock;
  databaseUrl: string;
  dataDir: string;
}

export type UserScopes = Partial<Pick<AuthUser, 'townships' | 'counties' | 'partnerId'>>;

export interface ServiceContextOptions {
  /** Names the test database (xingfu_test_<label>_...). */
  label: string;
  /** The service's database (its schema and migrations), e.g. applicationsDatabase. */
  services: ServiceDatabase[];
  /** The service's module, e.g. ApplicationsModule. */
  modules: Type<unknown>[];
  /** The business date the ManualClock starts on (YYYY-MM-DD). */
  today?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The middle test tier (issue 6 §8): one service's module, booted as its process would be
 * (`createRootModule`), against real PostgreSQL and Redis, on a database of its own, with no
 * HTTP server. Events go in-process; the business date is managed and the clock is a
 * ManualClock the test moves. Tests act through the CommandBus (`execute`, with `as(role)` for
 * the context), then `drainOutbox()` / `drainJobs()` instead of sleeping.
 */
export class ServiceContext {
  readonly app: INestApplicationContext;
  readonly clock: ManualClock;
  private readonly databaseUrl: string;
  private readonly dataDir: string;

  /** From `ServiceContext.boot(...)`; a service's own context (with its builders) extends this class. */
  constructor(booted: BootedService) {
    ({ app: this.app, clock: this.clock, databaseUrl: this.databaseUrl, dataDir: this.dataDir } = booted);
  }

  static async start(options: ServiceContextOptions): Promise<ServiceContext> {
    return new ServiceContext(await ServiceContext.boot(options));
  }

  static async boot(options: ServiceContextOptions): Promise<BootedService> {
    const databaseUrl = await createTestDatabase(options.label);
    const clock = new ManualClock(options.today ?? '2026-11-22');
    const env = testEnv(databaseUrl, { extra: { BUSINESS_DATE_MODE: 'managed', ...options.env } });
    try {
      const root = createRootModule({ services: options.services, modules: options.modules, standalone: true, env, clock });
      const app = await NestFactory.createApplicationContext(root, { bufferLogs: true, abortOnError: false });
      app.useLogger(app.get(PinoLogger));
      return { app, clock, databaseUrl, dataDir: env.DATA_DIR as string };
    } catch (error) {
      await dropTestDatabase(databaseUrl);
      throw error;
    }
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** A user of this role and scopes, as identity would issue one (a new id each time). */
  user(role: Role, scopes: UserScopes = {}): AuthUser {
    return {
      id: randomUUID(),
      username: `${role}-${randomUUID().slice(0, 8)}`,
      role,
      townships: scopes.townships ?? [],
      counties: scopes.counties ?? [],
      partnerId: scopes.partnerId ?? null,
    };
  }

  /** The context a request of this user (or of a new user with this role and scopes) would give its command: a fresh correlation id. */
  as(who: Role | AuthUser, scopes: UserScopes = {}): CommandContext {
    return userContext(typeof who === 'string' ? this.user(who, scopes) : who, randomUUID());
  }

  /** Through the CommandBus, as a controller, a job or a consumer issues it. */
  execute<R = unknown>(command: object): Promise<R> {
    return this.app.get(CommandBus).execute<object, R>(command);
  }

  /**
   * An event another service published, handed to this process's consumers as the relay of
   * that service would hand it (through the transport and each consumer's inbox). Its payload
   * must meet its contract. Resolves once every consumer has taken it.
   */
  async inject<P extends object>(
    contract: EventContract<P>,
    event: { aggregateId: string; payload: P; actor?: string; correlationId?: string },
  ): Promise<EventEnvelope<P>> {
    const envelope = newEnvelope(
      contract,
      {
        aggregateId: event.aggregateId,
        payload: event.payload,
        context: { correlationId: event.correlationId ?? randomUUID(), causationId: null, actor: event.actor ?? `system:${contract.producer}` },
      },
      this.clock.now(),
    );
    const transport = this.app.get<EventTransport>(EVENT_TRANSPORT, { strict: false });
    const [outcome] = await transport.publish([{ topic: topicOf(contract.producer), key: event.aggregateId, envelope }]);
    if (outcome.status !== 'published') throw new Error(`${contract.type} was not delivered: ${JSON.stringify(outcome)}`);
    return envelope;
  }

  /**
   * Waits until no hosted service's outbox has a pending row, twice in a row. In-process, the
   * relay marks a row published only after every consumer's inbox took it, and what a consumer
   * appends commits before that, so an empty outbox means every event was handled (or parked
   * as a dead letter). Throws, naming what is left, after `timeoutMs`.
   */
  async drainOutbox(timeoutMs = 15_000): Promise<void> {
    const services = this.app.get<ServiceName[]>(HOSTED_SERVICES, { strict: false });
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    for (;;) {
      const pending: { service: string; type: string; attempts: number; last_error: string | null }[] = [];
      for (const service of services) {
        const rows = await this.dataSource.query(`SELECT $1::text AS service, type, attempts, last_error FROM "${service}".outbox WHERE status = 'pending' ORDER BY seq`, [service]);
        pending.push(...rows);
      }
      quiet = pending.length ? 0 : quiet + 1;
      if (quiet >= 2) return;
      if (Date.now() > deadline) throw new Error(`outbox still pending after ${timeoutMs} ms: ${JSON.stringify(pending.slice(0, 10))}`);
      await sleep(25);
    }
  }

  /** What the hosted services' consumers parked (oldest first), to assert that nothing was, or what was. */
  async deadLetters(): Promise<{ service: string; consumer: string; eventId: string; error: string }[]> {
    const services = this.app.get<ServiceName[]>(HOSTED_SERVICES, { strict: false });
    const rows: { service: string; consumer: string; eventId: string; error: string }[] = [];
    for (const service of services) {
      rows.push(...(await this.dataSource.query(`SELECT $1::text AS service, consumer, event_id::text AS "eventId", error FROM "${service}".dead_letters ORDER BY id`, [service])));
    }
    return rows;
  }

  /** Until no queue of the service has a job waiting, running or due (libs/jobs' drainJobs). */
  drainJobs(timeoutMs?: number): Promise<void> {
    return drainJobs(this.app, timeoutMs);
  }

  /**
   * Moves the managed business date as an admin's PUT would: the shared record, the clock, then
   * a catch-up run of every daily sweep for each day up to it (drainJobs waits for them).
   */
  async setBusinessDate(date: string): Promise<void> {
    await this.app.get(BusinessDateStore, { strict: false }).set(date, 'test');
  }

  async close(): Promise<void> {
    try {
      await this.app.close();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
      await dropTestDatabase(this.databaseUrl);
    }
  }
}
