import { randomUUID } from 'node:crypto';
import {
  ApplicationApproved,
  ApplicationClosed,
  ApplicationRejected,
  ApplicationScreened,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  BuybackConfirmed,
  BuybackExcessReturned,
  EventContract,
  EventEnvelope,
  FollowUpRecorded,
  FundContributionRecorded,
  InstalmentOverdue,
  InstalmentPaid,
  LoanDefaulted,
  LoanDisbursed,
  LoanRepaid,
  LoanRescheduled,
  LoanWrittenOff,
  ProjectPolicyChanged,
  ProjectRegistered,
  RepaymentPosted,
  RepaymentScheduleCreated,
} from '@xingfu/contracts';
import { newTownshipCode } from '@xingfu/testing';
import { MULING_POLICY } from '../support/intake';

/** An envelope as the producer's outbox would carry it. */
export function envelope<P extends object>(contract: EventContract<P>, aggregateId: string, payload: P, occurredAt = new Date().toISOString()): EventEnvelope<P> {
  return {
    eventId: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt,
    aggregateId,
    correlationId: randomUUID(),
    causationId: null,
    actor: `system:${contract.producer}-test`,
    payload,
  };
}

export interface History {
  projectId: string;
  countyCode: string;
  townshipCode: string;
  events: EventEnvelope[];
}

const schedule = (dates: string[], principalFen: number, feeFen: number) => dates.map((dueDate, i) => ({ seq: i + 1, dueDate, principalFen, feeFen }));

/**
 * One project's whole story as its services tell it, in the order they would: five mothers
 * (one rejected, one withdrawn, three with loans: one in arrears and rescheduled, one defaulted
 * and written off, one repaid by a buyback and closed), follow-ups, a policy change that moves
 * the income ceiling, and the fund's contributions. Fresh ids every call, so two histories can
 * live in one database.
 */
export function projectHistory(): History {
  const projectId = randomUUID();
  const townshipCode = newTownshipCode();
  const countyCode = townshipCode.slice(0, 6);
  const villageCode = `${townshipCode}001`;
  const partnerId = randomUUID();
  const { aidStandard, loanPolicy, creditGrades, creditWeights, publicNoticeDays } = MULING_POLICY;
  const events: EventEnvelope[] = [];
  const add = <P extends object>(contract: EventContract<P>, key: string, payload: P) => events.push(envelope(contract, key, payload) as EventEnvelope);

  add(ProjectRegistered, projectId, {
    projectId, name: '报表项目', countyCode, policyVersion: 1, aidStandard: { ...aidStandard, incomeCeilingFenPerCapita: 400000 },
    loanPolicy, creditGrades, creditWeights, publicNoticeDays,
  } as never);
  add(FundContributionRecorded, projectId, { contributionId: randomUUID(), projectId, countyCode, source: 'foundation', stage: 'committed', amountFen: 10000000, date: '2026-01-05', round: 1 });
  add(FundContributionRecorded, projectId, { contributionId: randomUUID(), projectId, countyCode, source: 'foundation', stage: 'received', amountFen: 6000000, date: '2026-01-20', round: 1 });
  add(FundContributionRecorded, projectId, { contributionId: randomUUID(), projectId, countyCode, source: 'local_match', stage: 'received', amountFen: 1500000, date: '2026-02-01' });

  const mother = (i: number, industry = 'pig', partner?: string) => {
    const applicationId = randomUUID();
    const survey = {
      applicationId, projectId, countyCode, townshipCode, villageCode, motherNameMasked: '王*梅', idNumberMasked: '2301**********1234',
      industry, requestedAmountFen: 500000, model: partner ? 'company' : 'self', partnerId: partner, submittedOn: `2026-02-0${i}`,
    } as const;
    add(ApplicationSubmitted, applicationId, survey as never);
    return { applicationId, survey };
  };
  const screened = (applicationId: string, eligible: boolean, on: string, policyVersion = 1) =>
    add(ApplicationScreened, applicationId, { applicationId, projectId, townshipCode, policyVersion, eligible, failedRules: eligible ? [] : ['income'], checks: [], screenedOn: on });
  const approved = (m: ReturnType<typeof mother>, amountFen: number) =>
    add(ApplicationApproved, m.applicationId, {
      applicationId: m.applicationId, projectId, countyCode, townshipCode, villageCode, motherNameMasked: '王*梅', idNumberMasked: '2301**********1234',
      phoneMasked: '138****0000', phoneSealed: 'sealed', industry: m.survey.industry, model: m.survey.model, partnerId: m.survey.partnerId, amountFen,
      termMonths: 4, repaymentPlan: { kind: 'equal_monthly' }, chargeKind: 'management_fee', rateBasisPoints: 300, graceDays: 0, disbursementMode: 'cash',
      creditGrade: 'A', approvedOn: '2026-02-20',
    } as never);
  const disbursed = (m: ReturnType<typeof mother>, loanId: string, principalFen: number, round: number) =>
    add(LoanDisbursed, loanId, {
      loanId, applicationId: m.applicationId, projectId, countyCode, townshipCode, villageCode, industry: m.survey.industry, model: m.survey.model,
      partnerId: m.survey.partnerId, round, disbursedOn: '2026-03-01', disbursementMode: 'cash', principalFen, cashFen: principalFen, inKindFen: 0,
      termMonths: 4, maturityDate: '2026-07-01',
    } as never);
  const posted = (m: ReturnType<typeof mother>, loanId: string, postedOn: string, principalFen: number, feeFen: number, outstandingPrincipalFen: number, source = 'cash') =>
    add(RepaymentPosted, loanId, {
      repaymentId: randomUUID(), loanId, applicationId: m.applicationId, projectId, postedOn, amountFen: principalFen + feeFen, feeFen, principalFen,
      outstandingPrincipalFen, source, ...(source === 'guarantor' ? { guarantorRole: 'household' } : {}),
    } as never);
  const dates = ['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'];

  // 1: in arrears, then rescheduled.
  const m1 = mother(1);
  screened(m1.applicationId, false, '2026-02-03');
  screened(m1.applicationId, true, '2026-02-10', 2); // the latest screening counts
  approved(m1, 400000);
  const loan1 = randomUUID();
  disbursed(m1, loan1, 400000, 1);
  add(RepaymentScheduleCreated, loan1, { loanId: loan1, applicationId: m1.applicationId, projectId, townshipCode, scheduleVersion: 1, instalments: schedule(dates, 100000, 1000) });
  posted(m1, loan1, '2026-04-01', 100000, 1000, 300000);
  add(InstalmentPaid, loan1, { loanId: loan1, applicationId: m1.applicationId, projectId, scheduleVersion: 1, seq: 1, dueDate: dates[0], paidOn: '2026-04-01' });
  const overdue = (seq: number, asOf: string, daysPastDue: number, bucket: string, version = 1, dueDate = dates[seq - 1]) =>
    add(InstalmentOverdue, loan1, { loanId: loan1, applicationId: m1.applicationId, projectId, townshipCode, scheduleVersion: version, seq, dueDate, asOf, daysPastDue, bucket, unpaidFen: 101000 } as never);
  overdue(2, '2026-05-02', 1, '1-30');
  overdue(2, '2026-06-01', 31, '31-60');
  overdue(3, '2026-06-02', 1, '1-30');
  posted(m1, loan1, '2026-06-10', 20000, 2000, 280000);
  add(LoanRescheduled, loan1, {
    loanId: loan1, applicationId: m1.applicationId, projectId, rescheduledOn: '2026-06-15', scheduleVersion: 2, reason: '猪瘟',
    instalments: schedule(['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'], 70000, 500),
  });
  add(InstalmentOverdue, loan1, { loanId: loan1, applicationId: m1.applicationId, projectId, townshipCode, scheduleVersion: 2, seq: 1, dueDate: '2026-08-01', asOf: '2026-08-02', daysPastDue: 1, bucket: '1-30', unpaidFen: 70500 } as never);
  add(FollowUpRecorded, m1.applicationId, { applicationId: m1.applicationId, townshipCode, visitedOn: '2026-04-10', productionStatus: '正常', incomeEstimateFen: 300000, problems: '', helpGiven: '' });
  add(FollowUpRecorded, m1.applicationId, { applicationId: m1.applicationId, townshipCode, visitedOn: '2026-07-10', productionStatus: '正常', incomeEstimateFen: 450000, problems: '', helpGiven: '' });

  // 2: defaulted, written off.
  const m2 = mother(2, 'cattle');
  screened(m2.applicationId, true, '2026-02-11');
  approved(m2, 300000);
  const loan2 = randomUUID();
  disbursed(m2, loan2, 300000, 1);
  add(RepaymentScheduleCreated, loan2, { loanId: loan2, applicationId: m2.applicationId, projectId, townshipCode, scheduleVersion: 1, instalments: schedule(dates, 75000, 0) });
  add(InstalmentOverdue, loan2, { loanId: loan2, applicationId: m2.applicationId, projectId, townshipCode, scheduleVersion: 1, seq: 1, dueDate: dates[0], asOf: '2026-07-01', daysPastDue: 91, bucket: '90+', unpaidFen: 75000 } as never);
  add(LoanDefaulted, loan2, { loanId: loan2, applicationId: m2.applicationId, projectId, defaultedOn: '2026-07-01', daysPastDue: 91, overdueFen: 225000, outstandingPrincipalFen: 300000 });
  posted(m2, loan2, '2026-08-01', 50000, 0, 250000, 'guarantor');
  add(LoanWrittenOff, loan2, { loanId: loan2, applicationId: m2.applicationId, projectId, writtenOffOn: '2026-09-01', lossFen: 250000 });
  add(FollowUpRecorded, m2.applicationId, { applicationId: m2.applicationId, townshipCode, visitedOn: '2026-05-10', productionStatus: '困难', incomeEstimateFen: 200000, problems: '牛病', helpGiven: '' });

  // 3: a partner's mother, repaid by a buyback with an excess returned, closed.
  const m3 = mother(3, 'pig', partnerId);
  screened(m3.applicationId, true, '2026-02-12');
  approved(m3, 200000);
  const loan3 = randomUUID();
  disbursed(m3, loan3, 200000, 2);
  add(RepaymentScheduleCreated, loan3, { loanId: loan3, applicationId: m3.applicationId, projectId, townshipCode, scheduleVersion: 1, instalments: schedule(dates, 50000, 500) });
  posted(m3, loan3, '2026-04-01', 50000, 500, 150000);
  const buybackId = randomUUID();
  add(BuybackConfirmed, randomUUID(), {
    enrolmentId: randomUUID(), applicationId: m3.applicationId, projectId, partnerId, townshipCode, buybackId, boughtOn: '2026-04-20', confirmedOn: '2026-04-21',
    figures: { headCount: 10, totalWeightGrams: 1000000, pricePerKgFen: 2000, marketReferencePerKgFen: 2100, grossFen: 2000000, stockCostDeductionFen: 300000, loanWithheldFen: 200000, netPaidFen: 1500000 },
  });
  posted(m3, loan3, '2026-04-22', 150000, 1500, 0, 'buyback');
  add(BuybackExcessReturned, loan3, {
    loanId: loan3, applicationId: m3.applicationId, projectId, buybackId, buybackEventId: randomUUID(), withheldFen: 200000, postedFen: 151500, returnedFen: 48500, returnedOn: '2026-04-22',
  });
  for (const seq of [2, 3, 4]) add(InstalmentPaid, loan3, { loanId: loan3, applicationId: m3.applicationId, projectId, scheduleVersion: 1, seq, dueDate: dates[seq - 1], paidOn: '2026-04-22' });
  add(FollowUpRecorded, m3.applicationId, { applicationId: m3.applicationId, townshipCode, visitedOn: '2026-04-25', productionStatus: '出栏', incomeEstimateFen: 500000, problems: '', helpGiven: '' });
  add(LoanRepaid, loan3, { loanId: loan3, applicationId: m3.applicationId, projectId, repaidOn: '2026-04-22', principalFen: 200000 });
  add(ApplicationClosed, m3.applicationId, { applicationId: m3.applicationId, townshipCode, fromStatus: 'approved', cause: 'loan_repaid', loanId: loan3, closedOn: '2026-04-22' });

  // 4 rejected, 5 withdrawn.
  const m4 = mother(4);
  screened(m4.applicationId, false, '2026-02-13');
  add(ApplicationRejected, m4.applicationId, { applicationId: m4.applicationId, townshipCode, fromStatus: 'submitted', reason: '收入超标', cause: 'decision' });
  const m5 = mother(5);
  add(ApplicationWithdrawn, m5.applicationId, { applicationId: m5.applicationId, townshipCode, fromStatus: 'submitted', reason: '外出务工' });

  // The ceiling rises to 460000: mother 1 (latest 450000) was out of poverty under the old line, no longer; mother 3 (500000) still is.
  add(ProjectPolicyChanged, projectId, {
    projectId, countyCode, policyVersion: 2, changed: ['aidStandard'], aidStandard: { ...aidStandard, incomeCeilingFenPerCapita: 460000 },
    loanPolicy, creditGrades, creditWeights, publicNoticeDays,
  } as never);
  return { projectId, countyCode, townshipCode, events };
}

/** The same list in a random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
