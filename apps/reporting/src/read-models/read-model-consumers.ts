import { ApplicationFactsConsumer } from './applications/application-facts.consumer';
import { BuybacksConsumer } from './buybacks/buybacks.consumer';
import { FollowUpVisitsConsumer } from './follow-ups/follow-up-visits.consumer';
import { FundContributionsConsumer } from './funds/fund-contributions.consumer';
import { LoanLifecycleConsumer } from './loans/loan-lifecycle.consumer';
import { LoanRepaymentsConsumer } from './loans/loan-repayments.consumer';
import { LoanSchedulesConsumer } from './loans/loan-schedules.consumer';
import { ProjectStandardsConsumer } from './projects/project-standards.consumer';

/** The facts and their cells, one consumer per subject (each its own inbox key); the rebuild replays through these. */
export const readModelConsumers = [
  ApplicationFactsConsumer,
  ProjectStandardsConsumer,
  FollowUpVisitsConsumer,
  LoanLifecycleConsumer,
  LoanSchedulesConsumer,
  LoanRepaymentsConsumer,
  FundContributionsConsumer,
  BuybacksConsumer,
];
