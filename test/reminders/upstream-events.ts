import { randomUUID } from 'node:crypto';
import {
  ApplicationApproved,
  ArrearsPaused,
  FollowUpRecorded,
  GuaranteeEffective,
  GuaranteeInvoked,
  GuaranteeOpened,
  InputsDelivered,
  InstalmentOverdue,
  InstalmentPaid,
  InstalmentV1,
  LoanDefaulted,
  LoanDisbursed,
  LoanRepaid,
  PublicNoticeOpened,
  RepaymentPosted,
  RepaymentScheduleCreated,
} from '@xingfu/contracts';
import { daysBetween } from '@xingfu/kernel';
import type { RemindersWorld } from './reminders-world';

export interface Mother {
  applicationId: string;
  projectId: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  nameMasked: string;
  /** In clear, as the gateway must receive it; only sealed on the broker. */
  phone: string;
  partnerId?: string;
}

export interface Loan {
  loanId: string;
  mother: Mother;
  scheduleVersion: number;
  instalments: InstalmentV1[];
  principalFen: number;
  paid: Set<number>;
}

export interface Guarantee {
  guaranteeId: string;
  mother: Mother;
  deadline: string;
  householdPhone?: string;
}

let phoneSeq = 0;
/** A new mobile number for each mother of the run (138 + the process id + a counter), so phones never collide across files. */
export function newPhone(): string {
  phoneSeq += 1;
  return `138${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}

/** The same day of each following month (days 1–28 only, so every month has it). */
export function monthlyDueDates(firstDue: string, count: number): string[] {
  const [y, m, d] = firstDue.split('-').map(Number);
  if (d > 28) throw new Error('monthlyDueDates: use a day of month up to 28');
  return Array.from({ length: count }, (_, i) => {
    const month = m - 1 + i;
    return `${y + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });
}

/** Equal principal on each date (the first takes the remainder), no fee. */
export function instalmentsOn(dueDates: string[], principalFen: number): InstalmentV1[] {
  const each = Math.floor(principalFen / dueDates.length);
  return dueDates.map((dueDate, i) => ({ seq: i + 1, dueDate, principalFen: i === 0 ? principalFen - each * (dueDates.length - 1) : each, feeFen: 0 }));
}

function bucketOf(daysPastDue: number): '1-30' | '31-60' | '61-90' | '90+' {
  return daysPastDue <= 30 ? '1-30' : daysPastDue <= 60 ? '31-60' : daysPastDue <= 90 ? '61-90' : '90+';
}

/**
 * The events of the services upstream of reminders, each built from its contract class and
 * appended as its producer appends it (world.publish): applications (approval with the phone
 * sealed by the PII key, public notices, follow-ups), guarantees (opened, effective with the
 * household's phone sealed, invoked with its demands), loans (disbursed, schedule, postings,
 * paid instalments, overdue, default, pauses, repaid) and partners (inputs delivered).
 */
export class Upstream {
  constructor(private readonly world: RemindersWorld) {}

  async approved(o: { applicationId?: string; phone?: string; approvedOn?: string; partnerId?: string; amountFen?: number; nameMasked?: string } = {}): Promise<Mother> {
    const w = this.world;
    const mother: Mother = {
      applicationId: o.applicationId ?? randomUUID(),
      projectId: w.projectId,
      countyCode: w.county,
      townshipCode: w.township,
      villageCode: w.village,
      nameMasked: o.nameMasked ?? '王*梅',
      phone: o.phone ?? newPhone(),
      partnerId: o.partnerId,
    };
    await w.publish(ApplicationApproved, mother.applicationId, {
      applicationId: mother.applicationId,
      projectId: mother.projectId,
      countyCode: mother.countyCode,
      townshipCode: mother.townshipCode,
      villageCode: mother.villageCode,
      motherNameMasked: mother.nameMasked,
      idNumberMasked: '2310**********0021',
      phoneMasked: `${mother.phone.slice(0, 3)}****${mother.phone.slice(-4)}`,
      phoneSealed: w.pii.encrypt(mother.phone),
      industry: 'pig',
      model: o.partnerId ? 'company' : 'self',
      ...(o.partnerId ? { partnerId: o.partnerId } : {}),
      amountFen: o.amountFen ?? 1_200_000,
      termMonths: 12,
      repaymentPlan: { kind: 'equal_monthly' },
      chargeKind: 'none',
      rateBasisPoints: 0,
      graceDays: 0,
      disbursementMode: 'cash',
      creditGrade: 'A',
      approvedOn: o.approvedOn ?? w.clock.today(),
    });
    return mother;
  }

  async noticeOpened(o: { applicationIds: string[]; startDate: string; endDate: string }): Promise<string> {
    const noticeId = randomUUID();
    await this.world.publish(PublicNoticeOpened, noticeId, {
      noticeId,
      townshipCode: this.world.township,
      villageCode: this.world.village,
      applicationIds: o.applicationIds,
      startDate: o.startDate,
      endDate: o.endDate,
      days: daysBetween(o.startDate, o.endDate) + 1,
    });
    return noticeId;
  }

  async guaranteeOpened(mother: Mother, o: { openedOn: string; deadline: string }): Promise<Guarantee> {
    const guaranteeId = randomUUID();
    await this.world.publish(GuaranteeOpened, guaranteeId, {
      guaranteeId,
      applicationId: mother.applicationId,
      projectId: mother.projectId,
      countyCode: mother.countyCode,
      townshipCode: mother.townshipCode,
      villageCode: mother.villageCode,
      openedOn: o.openedOn,
      deadline: o.deadline,
    });
    return { guaranteeId, mother, deadline: o.deadline };
  }

  async guaranteeEffective(g: Guarantee, o: { effectiveOn: string; householdPhone?: string }): Promise<void> {
    g.householdPhone = o.householdPhone;
    await this.world.publish(GuaranteeEffective, g.guaranteeId, {
      guaranteeId: g.guaranteeId,
      applicationId: g.mother.applicationId,
      projectId: g.mother.projectId,
      townshipCode: g.mother.townshipCode,
      effectiveOn: o.effectiveOn,
      ...(o.householdPhone ? { householdPhoneSealed: this.world.pii.encrypt(o.householdPhone) } : {}),
    });
  }

  /** LoanDisbursed, then RepaymentScheduleCreated (version 1), as disbursement appends them. */
  async disbursed(mother: Mother, o: { disbursedOn: string; instalments: InstalmentV1[] }): Promise<Loan> {
    const loanId = randomUUID();
    const principalFen = o.instalments.reduce((s, i) => s + i.principalFen, 0);
    await this.world.publish(LoanDisbursed, loanId, {
      loanId,
      applicationId: mother.applicationId,
      projectId: mother.projectId,
      countyCode: mother.countyCode,
      townshipCode: mother.townshipCode,
      villageCode: mother.villageCode,
      industry: 'pig',
      model: mother.partnerId ? 'company' : 'self',
      ...(mother.partnerId ? { partnerId: mother.partnerId } : {}),
      round: 1,
      disbursedOn: o.disbursedOn,
      disbursementMode: 'cash',
      principalFen,
      cashFen: principalFen,
      inKindFen: 0,
      termMonths: o.instalments.length,
      maturityDate: o.instalments[o.instalments.length - 1].dueDate,
    });
    await this.world.publish(RepaymentScheduleCreated, loanId, {
      loanId,
      applicationId: mother.applicationId,
      projectId: mother.projectId,
      townshipCode: mother.townshipCode,
      scheduleVersion: 1,
      instalments: o.instalments,
    });
    return { loanId, mother, scheduleVersion: 1, instalments: o.instalments, principalFen, paid: new Set() };
  }

  /** The whole instalment paid on `paidOn` in cash: RepaymentPosted, InstalmentPaid, and LoanRepaid with the last. */
  async paid(loan: Loan, seq: number, paidOn: string): Promise<void> {
    const instalment = loan.instalments.find((i) => i.seq === seq);
    if (!instalment) throw new Error(`loan ${loan.loanId} has no instalment ${seq}`);
    loan.paid.add(seq);
    const outstanding = loan.instalments.filter((i) => !loan.paid.has(i.seq)).reduce((s, i) => s + i.principalFen, 0);
    const ids = { loanId: loan.loanId, applicationId: loan.mother.applicationId, projectId: loan.mother.projectId };
    await this.world.publish(RepaymentPosted, loan.loanId, {
      repaymentId: randomUUID(),
      ...ids,
      postedOn: paidOn,
      amountFen: instalment.principalFen + instalment.feeFen,
      feeFen: instalment.feeFen,
      principalFen: instalment.principalFen,
      outstandingPrincipalFen: outstanding,
      source: 'cash',
      reference: `receipt ${seq}`,
    });
    await this.world.publish(InstalmentPaid, loan.loanId, { ...ids, scheduleVersion: loan.scheduleVersion, seq, dueDate: instalment.dueDate, paidOn });
    if (outstanding === 0) await this.world.publish(LoanRepaid, loan.loanId, { ...ids, repaidOn: paidOn, principalFen: loan.principalFen });
  }

  /** As the arrears sweep reports an instalment entering a bucket on `asOf`. */
  async overdue(loan: Loan, seq: number, asOf: string): Promise<void> {
    const instalment = loan.instalments.find((i) => i.seq === seq) as InstalmentV1;
    const daysPastDue = daysBetween(instalment.dueDate, asOf);
    await this.world.publish(InstalmentOverdue, loan.loanId, {
      loanId: loan.loanId,
      applicationId: loan.mother.applicationId,
      projectId: loan.mother.projectId,
      townshipCode: loan.mother.townshipCode,
      scheduleVersion: loan.scheduleVersion,
      seq,
      dueDate: instalment.dueDate,
      asOf,
      daysPastDue,
      bucket: bucketOf(daysPastDue),
      unpaidFen: instalment.principalFen + instalment.feeFen,
    });
  }

  async paused(loan: Loan, from: string, to: string): Promise<void> {
    await this.world.publish(ArrearsPaused, loan.loanId, {
      pauseId: randomUUID(),
      loanId: loan.loanId,
      applicationId: loan.mother.applicationId,
      projectId: loan.mother.projectId,
      from,
      to,
      reason: '非洲猪瘟',
    });
  }

  async defaulted(loan: Loan, defaultedOn: string, daysPastDue: number): Promise<number> {
    const overdueFen = loan.instalments.filter((i) => !loan.paid.has(i.seq) && i.dueDate < defaultedOn).reduce((s, i) => s + i.principalFen + i.feeFen, 0);
    await this.world.publish(LoanDefaulted, loan.loanId, {
      loanId: loan.loanId,
      applicationId: loan.mother.applicationId,
      projectId: loan.mother.projectId,
      defaultedOn,
      daysPastDue,
      overdueFen,
      outstandingPrincipalFen: loan.instalments.filter((i) => !loan.paid.has(i.seq)).reduce((s, i) => s + i.principalFen, 0),
    });
    return overdueFen;
  }

  /** The demands of an invoked guarantee, one per party (the household's by SMS when it has a phone). */
  async invoked(g: Guarantee, loan: Loan, o: { invokedOn: string; overdueFen: number }): Promise<{ role: string; demandId: string }[]> {
    const parties = [
      { role: 'township' as const, partyName: '某某镇人民政府', channel: 'letter' as const },
      { role: 'village' as const, partyName: '某某村民委员会', channel: 'letter' as const },
      { role: 'household' as const, partyName: '李*', channel: 'sms' as const, ...(g.householdPhone ? { phoneSealed: this.world.pii.encrypt(g.householdPhone) } : {}) },
    ].map((p) => ({ ...p, liabilityFen: o.overdueFen, demandId: randomUUID(), demandedOn: o.invokedOn }));
    await this.world.publish(GuaranteeInvoked, g.guaranteeId, {
      guaranteeId: g.guaranteeId,
      applicationId: g.mother.applicationId,
      loanId: loan.loanId,
      townshipCode: g.mother.townshipCode,
      invokedOn: o.invokedOn,
      overdueFen: o.overdueFen,
      parties,
    });
    return parties.map((p) => ({ role: p.role, demandId: p.demandId }));
  }

  async followUp(mother: Mother, visitedOn: string): Promise<void> {
    await this.world.publish(FollowUpRecorded, mother.applicationId, {
      applicationId: mother.applicationId,
      townshipCode: mother.townshipCode,
      visitedOn,
      productionStatus: '存栏 20 头',
      incomeEstimateFen: 800_000,
      problems: '',
      helpGiven: '',
    });
  }

  async inputsDelivered(mother: Mother, o: { partnerId: string; deliveredOn: string; expectedBuybackDate: string }): Promise<string> {
    const enrolmentId = randomUUID();
    await this.world.publish(InputsDelivered, enrolmentId, {
      enrolmentId,
      applicationId: mother.applicationId,
      projectId: mother.projectId,
      partnerId: o.partnerId,
      townshipCode: mother.townshipCode,
      deliveryId: randomUUID(),
      items: '仔猪',
      quantity: 20,
      unitCostFen: 50_000,
      valueFen: 1_000_000,
      deliveredOn: o.deliveredOn,
      expectedBuybackDate: o.expectedBuybackDate,
    });
    return enrolmentId;
  }
}
