import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule, RevocationStore } from '@xingfu/auth';
import {
  AppConfig,
  BusinessDateClock,
  Clock,
  ConfigError,
  CorrelationMiddleware,
  createValidationPipe,
  HealthController,
  HttpErrorFilter,
  loadConfig,
  loggingModule,
  ManualClock,
  MetricsController,
  ReadinessRegistry,
  Secrets,
  startDefaultMetrics,
  SystemClock,
} from '@xingfu/common';
import { DatabaseModule, ServiceDatabase } from '@xingfu/database';
import { IdempotencyInterceptor } from '@xingfu/kit';
import { MessagingModule } from '@xingfu/messaging';
import { BusinessDateModule } from './business-date/business-date.module';
import { RateLimiter } from './rate-limiter';
import { RedisRevocationStore } from './redis-revocation.store';
import { RedisConnection } from './redis.connection';

export interface RootOptions {
  /** The services this process hosts (all of them in standalone). */
  services: ServiceDatabase[];
  /** Their feature modules. */
  modules: Type<unknown>[];
  /** Standalone may generate secrets, start embedded Postgres and a private Redis, and deliver in-process. */
  standalone: boolean;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

@Module({})
class RootModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route, in the syntax of Nest 11's router (path-to-regexp v8): a bare '*' is legacy
    // syntax, converted with a LegacyRouteConverter warning at every start.
    consumer.apply(CorrelationMiddleware).forRoutes('{*path}');
  }
}

@Global()
@Module({})
class CoreModule {}

/** Everything a process needs around its services: config, logs, database, events, auth, health. */
export function createRootModule(options: RootOptions): DynamicModule {
  const config = loadConfig(options.env ?? process.env);
  if (!options.standalone) {
    // Only standalone may fall back to in-process events and a private embedded database:
    // a service alone doing so would silently live apart from the others.
    const missing = (['KAFKA_BROKERS', 'DATABASE_URL'] as const).filter((variable) => !config[variable]);
    if (missing.length) {
      throw new ConfigError(missing.map((variable) => ({ variable, message: `${variable} is required when a service runs on its own` })));
    }
  }
  const secrets = Secrets.resolve(config, options.standalone);
  const clock =
    options.clock ??
    (config.BUSINESS_DATE_MODE === 'managed'
      ? new BusinessDateClock('managed', config.BUSINESS_DATE)
      : config.BUSINESS_DATE
        ? new ManualClock(config.BUSINESS_DATE)
        : new SystemClock());
  startDefaultMetrics();

  const core: DynamicModule = {
    module: CoreModule,
    global: true,
    providers: [
      { provide: AppConfig, useValue: config },
      { provide: Secrets, useValue: secrets },
      { provide: Clock, useValue: clock },
      { provide: 'STANDALONE', useValue: options.standalone },
      ReadinessRegistry,
      RedisConnection,
      RateLimiter,
      { provide: RevocationStore, useClass: RedisRevocationStore },
    ],
    exports: [AppConfig, Secrets, Clock, ReadinessRegistry, RedisConnection, RateLimiter, RevocationStore, 'STANDALONE'],
  };

  return {
    module: RootModule,
    imports: [
      core,
      loggingModule(config.LOG_LEVEL),
      TerminusModule,
      CqrsModule.forRoot(),
      DatabaseModule.forRoot(options.services),
      MessagingModule.forRoot(options.services.map((s) => s.schema)),
      AuthModule,
      // In every process, with or without jobs: the managed business date is read from the shared record.
      BusinessDateModule,
      ...options.modules,
    ],
    controllers: [HealthController, MetricsController],
    providers: [
      { provide: APP_FILTER, useClass: HttpErrorFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
      // Names a POST's Idempotency-Key; each service's unit of work claims and stores it.
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    ],
  };
}
