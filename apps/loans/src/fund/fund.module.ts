import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { ChangeLoanSettingsController } from './loan-settings/change-loan-settings/change-loan-settings.controller';
import { ChangeLoanSettingsHandler } from './loan-settings/change-loan-settings/change-loan-settings.handler';
import { FollowPolicyWhenProjectPolicyChanged } from './opening/follow-policy-when-project-policy-changed.consumer';
import { OpenFundWhenProjectRegistered } from './opening/open-fund-when-project-registered.consumer';
import { FundQueryController } from './reading/fund-query.controller';
import { GetFundHandler } from './reading/get-fund/get-fund.handler';
import { ListLedgerHandler } from './reading/list-ledger/list-ledger.handler';
import { RecordContributionController } from './record-contribution/record-contribution.controller';
import { RecordContributionHandler } from './record-contribution/record-contribution.handler';

// Routes under /projects/:id/… only (applications owns /projects and /projects/:id itself).
const controllers = [FundQueryController, RecordContributionController, ChangeLoanSettingsController];
const commandHandlers = [RecordContributionHandler, ChangeLoanSettingsHandler];
const queryHandlers = [GetFundHandler, ListLedgerHandler];
const eventConsumers = [OpenFundWhenProjectRegistered, FollowPolicyWhenProjectPolicyChanged];

/**
 * Each project's revolving fund: opened on ProjectRegistered (the project's charge followed on
 * ProjectPolicyChanged), contributions, its figures and its ledger read from the ledger lines,
 * and the project's loan settings (default threshold, interest subsidy).
 */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers],
})
export class FundModule {}
