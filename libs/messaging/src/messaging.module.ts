import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventContract, ServiceName } from '@xingfu/contracts';
import { AppConfig } from '@xingfu/common';
import { MessagingAdminController } from './admin/messaging-admin.controller';
import { HOSTED_SERVICES, MessagingRuntime } from './messaging.runtime';
import { OutboxWriter } from './outbox/outbox.writer';
import { OutboxWakeups } from './outbox/outbox-wakeups';
import { DeclaredProducers } from './startup/declared-producers';
import { ProducedEvents } from './startup/produced-events';
import { EVENT_TRANSPORT, EventTransport } from './transport/event-transport';
import { InProcessTransport } from './transport/in-process.transport';
import { KafkaTransport } from './transport/kafka.transport';

/** Kafka when KAFKA_BROKERS is set, in-process otherwise: configuration, never a code change. */
export function createTransport(config: AppConfig): EventTransport {
  if (!config.KAFKA_BROKERS) return new InProcessTransport();
  return new KafkaTransport({
    brokers: config.KAFKA_BROKERS.split(','),
    clientId: config.KAFKA_CLIENT_ID,
    groupPrefix: config.KAFKA_GROUP_PREFIX,
    batchPublish: config.KAFKA_BATCH_PUBLISH,
  });
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(services: ServiceName[]): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      controllers: [MessagingAdminController],
      providers: [
        { provide: HOSTED_SERVICES, useValue: services },
        { provide: EVENT_TRANSPORT, inject: [AppConfig], useFactory: createTransport },
        OutboxWriter,
        OutboxWakeups,
        DeclaredProducers,
        MessagingRuntime,
      ],
      exports: [OutboxWriter, MessagingRuntime, HOSTED_SERVICES],
    };
  }

  /**
   * A service's declaration of the events it appends, imported by its module. Start-up fails,
   * naming the event, when one has no registered contract, or the service has no relay here.
   */
  static forFeature(declaration: { service: ServiceName; produces: readonly EventContract[] }): DynamicModule {
    return {
      module: ProducedEventsModule,
      providers: [{ provide: Symbol(`produced events of ${declaration.service}`), useValue: new ProducedEvents(declaration.service, declaration.produces) }],
    };
  }
}

/** Holds one service's ProducedEvents; MessagingRuntime finds them all at start-up. */
@Module({})
export class ProducedEventsModule {}
