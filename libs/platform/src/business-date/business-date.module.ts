import { Global, Module } from '@nestjs/common';
import { BusinessDateController } from './business-date.controller';
import { BusinessDateStore } from './business-date.store';

/**
 * The managed business date of every process (imported by the root module): the shared
 * record, its refresh into the process's clock, and `GET`/`PUT /api/v1/admin/business-date`.
 * Services with jobs listen to it (`onChange`) to catch their sweeps up.
 */
@Global()
@Module({
  controllers: [BusinessDateController],
  providers: [BusinessDateStore],
  exports: [BusinessDateStore],
})
export class BusinessDateModule {}
