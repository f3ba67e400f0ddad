import { Module } from '@nestjs/common';
import { KitModule } from '@xingfu/kit';
import { ApplicationFactsStore } from './applications/application-facts.store';
import { LoanFactsStore } from './loans/loan-facts.store';
import { readModelConsumers } from './read-model-consumers';
import { LoansLedgerPort } from './reconciliation/loans-ledger.port';
import { ReconcileWithLedgerSweep } from './reconciliation/reconcile-with-ledger.sweep';
import { ReportingTotals } from './reconciliation/reporting-totals';
import { ReadModelRebuild } from './rebuild/read-model-rebuild';
import { ReadModelReplay } from './rebuild/read-model-replay';

const controllers: never[] = [];
const stores = [ApplicationFactsStore, LoanFactsStore];
const eventConsumers = readModelConsumers;
const rebuild = [ReadModelReplay, ReadModelRebuild];
const reconciliation = [LoansLedgerPort, ReportingTotals];
const jobs = [ReconcileWithLedgerSweep];

/** The facts and cells fed by events, the rebuild and the reconciliation. */
@Module({
  imports: [KitModule.forService('reporting')],
  controllers,
  providers: [...stores, ...eventConsumers, ...rebuild, ...reconciliation, ...jobs],
  exports: [...stores, ...rebuild],
})
export class ReadModelsModule {}
