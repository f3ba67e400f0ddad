import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { PostRepaymentController } from './post-repayment/post-repayment.controller';
import { PostRepaymentHandler } from './post-repayment/post-repayment.handler';

const controllers = [PostRepaymentController];
const commandHandlers = [PostRepaymentHandler];
const queryHandlers: never[] = [];
const eventConsumers: never[] = [];

/**
 * Repayments: the officer's route (cash, transfer, a guarantor's payment). Every posting, from
 * here or from an event (buybacks), goes through shared/RepaymentPosting.
 */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers],
})
export class RepaymentsModule {}
