import { DynamicModule, Module } from '@nestjs/common';
import { ServiceName } from '@xingfu/contracts';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { SERVICE_NAME } from './kit.tokens';
import { UnitOfWork } from './unit-of-work/unit-of-work';

/**
 * The service kit, once per service: `KitModule.forService('applications')` gives that
 * service's providers a UnitOfWork bound to its schema (its outbox, its idempotency table).
 */
@Module({})
export class KitModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: KitModule,
      providers: [{ provide: SERVICE_NAME, useValue: service }, IdempotencyStore, UnitOfWork],
      exports: [UnitOfWork],
    };
  }
}
