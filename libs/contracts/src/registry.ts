import { EventContract } from './event-contract';
import { ServiceName } from './services';
import * as applicationsEvents from './events/applications';
import * as loansEvents from './events/loans';
import * as guaranteesEvents from './events/guarantees';
import * as partnersEvents from './events/partners';
import * as reportingEvents from './events/reporting';

/** Every event contract, every version. The AsyncAPI document is generated from this list. */
export const ALL_EVENT_CONTRACTS: readonly EventContract[] = [
  applicationsEvents.ApplicationSubmitted,
  applicationsEvents.ProjectRegistered,
  applicationsEvents.ProjectPolicyChanged,
  applicationsEvents.HomeVisitRecorded,
  applicationsEvents.ApplicationScreened,
  applicationsEvents.PublicNoticeOpened,
  applicationsEvents.PublicNoticeClosed,
  applicationsEvents.ObjectionFiled,
  applicationsEvents.ObjectionResolved,
  applicationsEvents.CreditAssessed,
  applicationsEvents.ApplicationApproved,
  applicationsEvents.ApplicationRejected,
  applicationsEvents.ApplicationWithdrawn,
  applicationsEvents.FollowUpRecorded,
  applicationsEvents.ApplicationClosed,
  loansEvents.LoanRepaid,
  loansEvents.LoanDefaulted,
  loansEvents.LoanWrittenOff,
  loansEvents.RepaymentPosted,
  loansEvents.FundContributionRecorded,
  loansEvents.LoanAgreementSigned,
  loansEvents.LoanDisbursed,
  loansEvents.RepaymentScheduleCreated,
  loansEvents.InstalmentPaid,
  loansEvents.InstalmentOverdue,
  loansEvents.ArrearsPaused,
  loansEvents.LoanRescheduled,
  guaranteesEvents.GuaranteeOpened,
  guaranteesEvents.GuarantorSigned,
  guaranteesEvents.GuarantorDeclined,
  guaranteesEvents.GuarantorReplaced,
  guaranteesEvents.GuaranteeEffective,
  guaranteesEvents.GuaranteeLapsed,
  guaranteesEvents.GuaranteeReopened,
  guaranteesEvents.GuaranteeInvoked,
  guaranteesEvents.GuaranteeReleased,
  loansEvents.BuybackExcessReturned,
  partnersEvents.PartnerRegistered,
  partnersEvents.EnrolmentAccepted,
  partnersEvents.EnrolmentRefused,
  partnersEvents.InputsDelivered,
  partnersEvents.DeliveryAcknowledged,
  partnersEvents.BuybackRecorded,
  partnersEvents.BuybackConfirmed,
  partnersEvents.BuybackDisputed,
  partnersEvents.BuybackDisputeSettled,
  partnersEvents.BuybackOverdue,
  reportingEvents.ReportingDriftDetected,
] as EventContract[];

export function producingServices(): ServiceName[] {
  return [...new Set(ALL_EVENT_CONTRACTS.map((c) => c.producer))];
}

export function contractsOf(service: ServiceName): EventContract[] {
  return ALL_EVENT_CONTRACTS.filter((c) => c.producer === service);
}
