import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { FollowPolicyWhenProjectPolicyChanged } from './opening/follow-policy-when-project-policy-changed.consumer';
import { OpenFundWhenProjectRegistered } from './opening/open-fund-when-project-registered.consumer';

const controllers: never[] = [];
const commandHandlers: never[] = [];
const queryHandlers: never[] = [];
const eventConsumers = [OpenFundWhenProjectRegistered, FollowPolicyWhenProjectPolicyChanged];

/** Each project's revolving fund: opened on ProjectRegistered, contributions, its figures from the ledger, the ledger, the project's loan settings. */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers],
})
export class FundModule {}
