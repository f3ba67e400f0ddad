import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';

const controllers: never[] = [];
const commandHandlers: never[] = [];
const queryHandlers: never[] = [];
const eventConsumers: never[] = [];

/** TODO(fund): being built. */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers],
})
export class FundModule {}
