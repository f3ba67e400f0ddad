import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { contractsOf, EventEnvelope, ServiceName } from '@xingfu/contracts';
import { AppConfig, ReadinessRegistry } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { EVENT_CONSUMER, EventConsumerOptions, EventHandler } from './consumer/event-consumer.decorator';
import { consumerKey, DeliveryResult, InboxRunner } from './inbox/inbox-runner';
import { parkUnreadable, unreadableConsumer } from './inbox/park-unreadable';
import { watchBackboneTables } from './metrics/backbone-gauges';
import { OutboxRelay } from './relay/outbox-relay';
import { EVENT_TRANSPORT, EventTransport, Subscription } from './transport/event-transport';

export const HOSTED_SERVICES = Symbol('HOSTED_SERVICES');

/**
 * Starts the backbone of the services this process hosts: first the consumers (so an
 * in-process delivery always finds its subscribers), then one relay per producing service.
 * On shutdown: relays stop first (no new publishes), then consumers drain.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private readonly relays = new Map<ServiceName, OutboxRelay>();
  private unwatchTables?: () => void;
  readonly inbox: InboxRunner;

  constructor(
    @Inject(HOSTED_SERVICES) private readonly services: ServiceName[],
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.inbox = new InboxRunner(dataSource, { maxAttempts: config.INBOX_MAX_ATTEMPTS, backoffBaseMs: config.INBOX_BACKOFF_BASE_MS });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.transport.name === 'kafka') this.readiness.register({ name: 'kafka', probe: () => this.transport.probe() });
    await this.transport.start(this.subscriptions(), (message) => parkUnreadable(this.dataSource, message));
    for (const service of this.services) {
      if (contractsOf(service).length === 0) continue;
      const relay = new OutboxRelay(service, this.databaseUrl(), this.dataSource, this.transport, {
        pollIntervalMs: this.config.OUTBOX_POLL_INTERVAL_MS,
        batchSize: this.config.OUTBOX_BATCH_SIZE,
        maxAttempts: this.config.OUTBOX_MAX_ATTEMPTS,
        backoffBaseMs: this.config.OUTBOX_BACKOFF_BASE_MS,
        leaseSeconds: this.config.OUTBOX_LEASE_SECONDS,
        retentionHours: this.config.OUTBOX_RETENTION_HOURS,
      });
      this.relays.set(service, relay);
      if (this.config.OUTBOX_RELAY_ENABLED) relay.start();
    }
    this.unwatchTables = this.watchTables();
    this.logger.log(
      `events via ${this.transport.name}; relays ${this.config.OUTBOX_RELAY_ENABLED ? 'on' : 'OFF'} for ${[...this.relays.keys()].join(', ') || 'none'}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unwatchTables?.();
    await Promise.all([...this.relays.values()].map((r) => r.stop()));
    await this.transport.stop();
  }

  /** Hands one event to one consumer again (dead-letter replay). */
  async replay(consumer: string, envelope: EventEnvelope): Promise<DeliveryResult> {
    const found = this.consumers().find(({ options }) => consumerKey(options) === consumer);
    if (!found) throw new Error(`consumer ${consumer} is not hosted here`);
    return this.inbox.deliver(found.options, found.handler, envelope);
  }

  private consumers(): { options: EventConsumerOptions; handler: EventHandler }[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && Reflect.getMetadata(EVENT_CONSUMER, wrapper.metatype))
      .map((wrapper) => ({
        options: Reflect.getMetadata(EVENT_CONSUMER, wrapper.metatype as object) as EventConsumerOptions,
        handler: wrapper.instance as EventHandler,
      }))
      .filter(({ options }) => this.services.includes(options.service));
  }

  private subscriptions(): Subscription[] {
    return this.consumers().map(({ options, handler }) => ({
      service: options.service,
      consumer: consumerKey(options),
      contracts: options.events,
      deliver: async (envelope) => void (await this.inbox.deliver(options, handler, envelope)),
    }));
  }

  /** The gauges of /metrics read these tables at scrape time. */
  private watchTables(): () => void {
    const consumers = this.consumers().map(({ options }) => ({ service: options.service, consumer: consumerKey(options) }));
    const consumingServices = [...new Set(consumers.map((c) => c.service))];
    return watchBackboneTables({
      dataSource: this.dataSource,
      producers: [...this.relays.keys()],
      consumers: [...consumers, ...consumingServices.map((service) => ({ service, consumer: unreadableConsumer(service) }))],
    });
  }

  private databaseUrl(): string {
    const options = this.dataSource.options as { url?: string };
    if (!options.url) throw new Error('the relay needs the database URL');
    return options.url;
  }
}
