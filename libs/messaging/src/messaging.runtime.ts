import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ALL_EVENT_CONTRACTS, contractsOf, EventEnvelope, ServiceName } from '@xingfu/contracts';
import { AppConfig, ReadinessRegistry } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { EVENT_CONSUMER, EventConsumerOptions, EventHandler } from './consumer/event-consumer.decorator';
import { consumerKey, DeliveryResult, InboxRunner } from './inbox/inbox-runner';
import { parkUnreadable, unreadableConsumer } from './inbox/park-unreadable';
import { watchBackboneTables } from './metrics/backbone-gauges';
import { OutboxWakeups } from './outbox/outbox-wakeups';
import { OutboxRelay } from './relay/outbox-relay';
import { BackboneConfigurationError, backboneProblems } from './startup/backbone-checks';
import { DeclaredProducers } from './startup/declared-producers';
import { ProducedEvents } from './startup/produced-events';
import { EVENT_TRANSPORT, EventTransport, Subscription, subscribedTopics, topicOf } from './transport/event-transport';

export const HOSTED_SERVICES = Symbol('HOSTED_SERVICES');

/**
 * Starts the backbone of the services this process hosts: first the consumers (so an
 * in-process delivery always finds its subscribers), then one relay per producing service.
 * On shutdown: relays stop first (no new publishes), then consumers drain.
 */
@Injectable()
export class MessagingRuntime implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
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
    private readonly wakeups: OutboxWakeups,
    private readonly declared: DeclaredProducers,
  ) {
    this.inbox = new InboxRunner(dataSource, { maxAttempts: config.INBOX_MAX_ATTEMPTS, backoffBaseMs: config.INBOX_BACKOFF_BASE_MS });
  }

  /**
   * Start-up checks, before any lifecycle hook may write an event: every event a service
   * declares it appends has a registered contract, every producing service has a relay here,
   * and no two consumers share a name.
   */
  onModuleInit(): void {
    const producers = this.producedEvents();
    const problems = backboneProblems({
      hosted: this.services,
      registry: ALL_EVENT_CONTRACTS,
      producers,
      consumers: this.consumers().map(({ options, handler }) => ({ ...options, className: handler.constructor.name })),
      relays: this.relayServices(producers),
    });
    if (problems.length) throw new BackboneConfigurationError(problems);
    for (const { service, contracts } of producers) this.declared.declare(service, contracts);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.transport.name === 'kafka') this.readiness.register({ name: 'kafka', probe: () => this.probeKafka() });
    await this.transport.start(this.subscriptions(), (message) => parkUnreadable(this.dataSource, message));
    for (const service of this.relayServices(this.producedEvents())) {
      const relay = new OutboxRelay(service, this.databaseUrl(), this.dataSource, this.transport, {
        pollIntervalMs: this.config.OUTBOX_POLL_INTERVAL_MS,
        batchSize: this.config.OUTBOX_BATCH_SIZE,
        maxAttempts: this.config.OUTBOX_MAX_ATTEMPTS,
        backoffBaseMs: this.config.OUTBOX_BACKOFF_BASE_MS,
        leaseSeconds: this.config.OUTBOX_LEASE_SECONDS,
        retentionHours: this.config.OUTBOX_RETENTION_HOURS,
      }, this.wakeups);
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
    this.wakeups.stop();
  }

  /**
   * /ready's view of Kafka: the broker answers and has every topic this process publishes to or
   * reads, every consumer group here has fetched within CONSUMER_STALLED_READY_SECONDS, and no
   * relay here has failed to publish for OUTBOX_FAILING_READY_SECONDS (a missing topic fails it
   * at once). The message names the oldest pending row's age.
   */
  private async probeKafka(): Promise<void> {
    const topics = [...new Set([...[...this.relays.keys()].map(topicOf), ...subscribedTopics(this.subscriptions())])].sort();
    await this.transport.probe(topics);
    const stalled = this.transport.stalledConsumers?.(this.config.CONSUMER_STALLED_READY_SECONDS * 1000) ?? [];
    if (stalled.length) throw new Error(`${stalled.join('; ')}: its events wait`);
    const limitMs = this.config.OUTBOX_FAILING_READY_SECONDS * 1000;
    for (const relay of this.relays.values()) {
      const health = relay.health();
      if (health.failingSince === undefined) continue;
      const failingMs = Date.now() - health.failingSince;
      if (!health.missingTopic && failingMs < limitMs) continue;
      const oldest = await relay.oldestPendingSeconds().catch(() => undefined);
      throw new Error(
        `${health.service} has failed to publish for ${Math.round(failingMs / 1000)} s` +
          `${health.missingTopic ? ` (the broker has no topic ${health.missingTopic})` : ''}: ${health.reason}` +
          `; oldest pending outbox row ${oldest === undefined ? 'unknown' : `${oldest} s`} old`,
      );
    }
  }

  /** Hands one event to one consumer again (dead-letter replay). */
  async replay(consumer: string, envelope: EventEnvelope): Promise<DeliveryResult> {
    const found = this.consumers().find(({ options }) => consumerKey(options) === consumer);
    if (!found) throw new Error(`consumer ${consumer} is not hosted here`);
    return this.inbox.deliver(found.options, found.handler, envelope);
  }

  /** A relay for each hosted service that produces: registered contracts or declared events. */
  private relayServices(producers: ProducedEvents[]): ServiceName[] {
    return this.services.filter((service) => contractsOf(service).length > 0 || producers.some((p) => p.service === service && p.contracts.length > 0));
  }

  private producedEvents(): ProducedEvents[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ProducedEvents => instance instanceof ProducedEvents);
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
      deliver: (envelopes) => this.inbox.deliverBatch(options, handler, envelopes),
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
