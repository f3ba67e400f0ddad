import { Injectable } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { DomainError } from '@xingfu/kernel';
import { EntityManager } from 'typeorm';
import { ArrearsStanding, bucketOf, daysPastDue, PausePeriod, standingOn } from '../domain/arrears';
import { InstalmentRow, LoanRow, RepaymentRow } from './loan.rows';

export interface PostingsPage {
  postingsPage?: number;
  postingsPageSize?: number;
}

export const DEFAULT_POSTINGS_PAGE_SIZE = 20;

interface PauseRow {
  id: string;
  from_date: string;
  to_date: string;
  reason: string;
  created_by: string;
  created_at: Date;
}

interface HistoryRow {
  step: string;
  from_status: string | null;
  to_status: string;
  business_date: string;
  actor: string;
  detail: Record<string, unknown>;
  at: Date;
}

/**
 * A loan as a reader sees it. Balances come from the loan's own row (kept by every posting),
 * never from summing postings, and postings are one page of an index scan, so a loan with 700
 * postings costs what one with 1 does. Personal data only masked: her name, ID number, card.
 * Days past due and the bucket are computed on the business date from the due dates and the
 * pauses (domain/arrears), not read from the row: the sweep writes a row only when its state
 * changes, so the stored days are those of that day.
 */
@Injectable()
export class LoanView {
  constructor(private readonly clock: Clock) {}

  async present(manager: EntityManager, loanId: string, paging: PostingsPage = {}) {
    const [loan]: LoanRow[] = await manager.query(`SELECT * FROM loans.loans WHERE id = $1`, [loanId]);
    if (!loan) throw new DomainError('not_found', 'not_found', `loan ${loanId} was not found`, { id: loanId });
    const page = paging.postingsPage ?? 1;
    const pageSize = paging.postingsPageSize ?? DEFAULT_POSTINGS_PAGE_SIZE;
    // One after the other: inside a unit of work they share one connection.
    const instalments: InstalmentRow[] = await manager.query(`SELECT * FROM loans.instalments WHERE loan_id = $1 ORDER BY schedule_version, seq`, [loanId]);
    const pauses: PauseRow[] = await manager.query(`SELECT * FROM loans.arrears_pauses WHERE loan_id = $1 ORDER BY from_date, created_at`, [loanId]);
    const postings: RepaymentRow[] = await manager.query(`SELECT * FROM loans.repayments WHERE loan_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3`, [
      loanId,
      (page - 1) * pageSize,
      pageSize,
    ]);
    const history: HistoryRow[] = await manager.query(`SELECT * FROM loans.loan_history WHERE loan_id = $1 ORDER BY id`, [loanId]);
    const asOf = this.clock.today();
    const paused: PausePeriod[] = pauses.map((p) => ({ from: p.from_date, to: p.to_date }));
    const overdueOn = (i: InstalmentRow): ArrearsStanding | null => {
      if (i.paid_on || i.due_date >= asOf) return null;
      const days = daysPastDue(i.due_date, asOf, loan.grace_days, paused);
      return days > 0 ? { daysPastDue: days, bucket: bucketOf(days) } : null;
    };
    return {
      ...summary(loan, standingOn(loan.next_due_date, asOf, loan.grace_days, paused)),
      schedule: instalments.filter((i) => !i.superseded).map((i) => instalment(i, overdueOn(i))),
      supersededSchedules: supersededByVersion(instalments),
      pauses: pauses.map((p) => ({ id: p.id, from: p.from_date, to: p.to_date, reason: p.reason, by: p.created_by, at: p.created_at })),
      postings: { items: postings.map(posting), page, pageSize, total: loan.postings_count },
      history: history.map((h) => ({ step: h.step, from: h.from_status, to: h.to_status, businessDate: h.business_date, actor: h.actor, detail: h.detail, at: h.at })),
    };
  }

  /** The row alone, for a list (its pauses given): no schedule, postings or history. */
  summarise(loan: LoanRow, pauses: readonly PausePeriod[]) {
    return summary(loan, standingOn(loan.next_due_date, this.clock.today(), loan.grace_days, pauses));
  }
}

function summary(l: LoanRow, standing: ArrearsStanding) {
  return {
    id: l.id,
    applicationId: l.application_id,
    projectId: l.project_id,
    countyCode: l.county_code,
    townshipCode: l.township_code,
    villageCode: l.village_code,
    status: l.status,
    mother: { nameMasked: l.mother_name_masked, idNumberMasked: l.id_number_masked },
    industry: l.industry,
    model: l.model,
    partnerId: l.partner_id,
    amountFen: l.amount_fen,
    termMonths: l.term_months,
    repaymentPlan: l.repayment_plan,
    charge: { kind: l.charge_kind, rateBasisPoints: l.rate_basis_points, subsidyBasisPoints: l.subsidy_basis_points },
    graceDays: l.grace_days,
    disbursementMode: l.disbursement_mode,
    approvedOn: l.approved_on,
    guarantee: l.guarantee_id ? { id: l.guarantee_id, effectiveOn: l.guarantee_effective_on, invokedOn: l.guarantee_invoked_on } : null,
    agreement: l.agreement_signed_on ? { signedOn: l.agreement_signed_on, signedBy: l.agreement_signed_by } : null,
    disbursement: l.disbursed_on
      ? { date: l.disbursed_on, by: l.disbursed_by, round: l.round, cashFen: l.cash_fen ?? 0, cardNumberMasked: l.card_number_masked, inKindFen: l.in_kind_fen ?? 0, inKind: l.in_kind }
      : null,
    round: l.round,
    maturityDate: l.maturity_date,
    scheduleVersion: l.schedule_version,
    balances: {
      principalOutstandingFen: l.principal_outstanding_fen,
      principalRepaidFen: l.principal_repaid_fen,
      feePaidFen: l.fee_paid_fen,
      writtenOffFen: l.written_off_fen,
    },
    daysPastDue: standing.daysPastDue,
    bucket: standing.bucket,
    nextDueDate: l.next_due_date,
    agedOn: l.aged_on,
    defaultedOn: l.defaulted_on,
    repaidOn: l.repaid_on,
    writtenOffOn: l.written_off_on,
    writeOffReason: l.write_off_reason,
  };
}

/**
 * What an instalment asks, what was paid and what is left; the fee owed includes interest the
 * subsidy no longer covers. Overdue as of today for the current schedule; a superseded one as
 * it stood when it was replaced.
 */
function instalment(i: InstalmentRow, overdue: ArrearsStanding | null) {
  const feeOwed = i.fee_fen + i.subsidy_lost_fen;
  return {
    seq: i.seq,
    scheduleVersion: i.schedule_version,
    dueDate: i.due_date,
    principalFen: i.principal_fen,
    feeFen: i.fee_fen,
    subsidyLostFen: i.subsidy_lost_fen,
    paid: { principalFen: i.principal_paid_fen, feeFen: i.fee_paid_fen },
    unpaid: { principalFen: i.principal_fen - i.principal_paid_fen, feeFen: Math.max(0, feeOwed - i.fee_paid_fen) },
    paidOn: i.paid_on,
    overdue,
  };
}

function supersededByVersion(rows: InstalmentRow[]) {
  const versions = new Map<number, InstalmentRow[]>();
  for (const row of rows.filter((r) => r.superseded)) versions.set(row.schedule_version, [...(versions.get(row.schedule_version) ?? []), row]);
  const asReplaced = (i: InstalmentRow) => (i.days_past_due > 0 ? { daysPastDue: i.days_past_due, bucket: bucketOf(i.days_past_due) } : null);
  return [...versions.entries()].map(([version, instalments]) => ({ scheduleVersion: version, instalments: instalments.map((i) => instalment(i, asReplaced(i))) }));
}

function posting(r: RepaymentRow) {
  return {
    id: r.id,
    paidOn: r.paid_on,
    amountFen: r.amount_fen,
    feeFen: r.fee_fen,
    principalFen: r.principal_fen,
    source: r.source,
    guarantorRole: r.guarantor_role,
    reference: r.reference,
    allocation: r.allocation,
    postedBy: r.posted_by,
    at: r.created_at,
  };
}
