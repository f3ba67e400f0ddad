import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { PostBuybackWhenBuybackConfirmed } from './post-buyback-when-buyback-confirmed.consumer';

const eventConsumers = [PostBuybackWhenBuybackConfirmed];

/** A partner's confirmed buyback, netted against the mother's loan (the withholding posted, any excess returned). */
@Module({
  imports: [LoansSharedModule],
  providers: [...eventConsumers],
})
export class BuybacksModule {}
