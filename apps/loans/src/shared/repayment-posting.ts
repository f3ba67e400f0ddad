import { randomUUID } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { GuarantorRole, InstalmentPaid, LoanRepaid, RepaymentPosted, RepaymentPostedV1, RepaymentSource } from '@xingfu/contracts';
import { actorLabel, collectProblems, hasProblems, validationFailed } from '@xingfu/kernel';
import { Work } from '@xingfu/kit';
import { EntityManager } from 'typeorm';
import { allocate, Allocation, OverpaymentError, OwedInstalment, outstandingFen } from '../domain/allocation';
import { ArrearsStanding, PausePeriod, standingOn } from '../domain/arrears';
import { ledgerEntries } from '../domain/ledger';
import { FundLedger } from './fund-ledger';
import { InstalmentRow, LoanRow, RepaymentRow } from './loan.rows';
import { LoanLifecycle } from './loan-lifecycle';
import { earliestDueDate, ScheduleStore } from './schedule-store';
import { StatementParams, writesStatement } from './statement-parts';

export interface RepaymentInput {
  amountFen: number;
  /** The business date the money was paid: not in the future, not before the disbursement. */
  paidOn: string;
  source: RepaymentSource;
  /** Which party of the guarantee paid: exactly when the source is guarantor. */
  guarantorRole?: GuarantorRole;
  reference?: string;
  /** A posting an event causes (a buyback, a guarantor's payment reported by another service) is keyed by that event. */
  sourceEventId?: string;
}

/** One instalment's part of a posting, as stored in loans.repayments.allocation and shown. */
export interface AllocatedInstalment {
  scheduleVersion: number;
  seq: number;
  dueDate: string;
  feeFen: number;
  principalFen: number;
  paidInFull: boolean;
}

/** A posting as the route answers it: the repayment, its allocation, and the loan's balances after it. */
export interface PostedRepayment {
  id: string;
  loanId: string;
  paidOn: string;
  amountFen: number;
  feeFen: number;
  principalFen: number;
  source: RepaymentSource;
  guarantorRole: GuarantorRole | null;
  reference: string | null;
  postedBy: string;
  allocation: AllocatedInstalment[];
  loan: {
    id: string;
    status: LoanRow['status'];
    principalOutstandingFen: number;
    principalRepaidFen: number;
    feePaidFen: number;
    /** Fee and principal still owed on the current schedule. */
    outstandingFen: number;
    postingsCount: number;
    nextDueDate: string | null;
    daysPastDue: number;
    bucket: string;
    repaidOn: string | null;
  };
}

/**
 * The one posting path of a repayment, whoever reports it: the officer's route, a guarantor's
 * payment, a partner's buyback. It runs in the caller's unit of work on a loan the caller
 * locked (LoanLifecycle.loadForChange / loadByApplicationForChange): that row lock is what
 * serialises postings on one loan, so none reads a balance another is about to change.
 *
 * It writes only this loan's rows (its instalments, the repayment, the loan) and appends one
 * ledger entry. It never takes the fund's lock: postings on different loans never queue behind
 * one shared row (the fund's cash is a sum of ledger lines).
 */
@Injectable()
export class RepaymentPosting {
  constructor(
    private readonly lifecycle: LoanLifecycle,
    private readonly schedule: ScheduleStore,
    private readonly ledger: FundLedger,
    private readonly clock: Clock,
  ) {}

  /** `unpaid`: the loan's unpaid instalments when the caller read them after taking its lock (the route does, in the lock's round trip). */
  async post(work: Work, loan: LoanRow, input: RepaymentInput, unpaid?: InstalmentRow[]): Promise<PostedRepayment> {
    const { manager } = work;
    if (input.sourceEventId) {
      const [first]: RepaymentRow[] = await manager.query(`SELECT * FROM loans.repayments WHERE source_event_id = $1`, [input.sourceEventId]);
      if (first) return this.present(manager, first, loan);
    }
    this.lifecycle.next(loan, 'repayment');
    this.check(loan, input);

    unpaid ??= await this.schedule.unpaid(manager, loan.id);
    const allocation = allocationOf(input.amountFen, unpaid);
    const byKey = new Map(unpaid.map((i) => [`${i.schedule_version}/${i.seq}`, i]));
    const allocated: AllocatedInstalment[] = allocation.instalments.map((a) => ({ ...a, dueDate: byKey.get(`${a.scheduleVersion}/${a.seq}`)!.due_date }));
    const stillUnpaid = unpaid.filter((i) => !allocated.some((a) => a.paidInFull && a.scheduleVersion === i.schedule_version && a.seq === i.seq));

    const { feeFen, principalFen } = allocation.totals;
    const repaymentId = randomUUID();
    const postedBy = actorLabel(work.context.actor);
    // The row's days and bucket are the sweep's record of its last change (readers count afresh,
    // domain/arrears standingOn): nothing overdue any more resets that record to current now.
    const nothingOverdue = !stillUnpaid.some((i) => i.due_date < this.clock.today());
    const changes: LoanBalances = {
      principal_outstanding_fen: loan.principal_outstanding_fen - principalFen,
      principal_repaid_fen: loan.principal_repaid_fen + principalFen,
      fee_paid_fen: loan.fee_paid_fen + feeFen,
      postings_count: loan.postings_count + 1,
      next_due_date: earliestDueDate(stillUnpaid),
      ...(nothingOverdue && (loan.days_past_due !== 0 || loan.bucket !== 'current') ? { days_past_due: 0, bucket: 'current' } : {}),
    };

    // Every row the posting writes in one statement: the instalments it pays, the repayment, the
    // loan's balances, and the ledger entry that returns principal to the fund's cash now, in this
    // transaction (a fee to the project office's account). Nothing here reads it back, so it is a
    // Work.write: in the route's unit of work it goes with the events and the stored answer in one
    // round trip before the commit; in a consumer's, at once.
    const params = new StatementParams();
    const ledger = this.ledger.entryWrites(
      { projectId: loan.project_id, kind: 'repayment', entryDate: input.paidOn, lines: ledgerEntries.repayment(principalFen, feeFen), createdBy: postedBy, round: loan.round, loanId: loan.id, sourceId: repaymentId },
      params,
    );
    const loanId = params.add(loan.id, '::uuid');
    const parts = [
      ...payInstalmentsPart(loanId, allocated, input.paidOn, params),
      `repayment AS (INSERT INTO loans.repayments (id, loan_id, project_id, paid_on, amount_fen, fee_fen, principal_fen, source, guarantor_role, reference, source_event_id, allocation, posted_by)
         VALUES (${[repaymentId, loan.id, loan.project_id, input.paidOn, input.amountFen, feeFen, principalFen, input.source, input.guarantorRole ?? null, input.reference ?? null, input.sourceEventId ?? null, JSON.stringify(allocated), postedBy].map((v) => params.add(v)).join(', ')}))`,
      `loan AS (UPDATE loans.loans SET ${Object.entries(changes).map(([column, value]) => `${column} = ${params.add(value)}`).join(', ')}, updated_at = now() WHERE id = ${loanId})`,
      ...ledger.parts,
    ];
    await work.write({ sql: writesStatement(parts), params: params.values });
    Object.assign(loan, changes);

    await work.outbox.append(RepaymentPosted, loan.id, postedEvent(loan, repaymentId, input, allocation));
    for (const paid of allocated.filter((a) => a.paidInFull)) {
      await work.outbox.append(InstalmentPaid, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        scheduleVersion: paid.scheduleVersion,
        seq: paid.seq,
        dueDate: paid.dueDate,
        paidOn: input.paidOn,
      });
    }
    if (allocation.outstandingAfterFen === 0) {
      await this.lifecycle.move(work, loan, 'repaid-in-full', { repaid_on: input.paidOn }, { repaymentId });
      await work.outbox.append(LoanRepaid, loan.id, {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        repaidOn: input.paidOn,
        principalFen: loan.principal_repaid_fen,
      });
    }

    return view(
      await this.standing(manager, loan),
      { id: repaymentId, loan_id: loan.id, paid_on: input.paidOn, amount_fen: input.amountFen, fee_fen: feeFen, principal_fen: principalFen, source: input.source, guarantor_role: input.guarantorRole ?? null, reference: input.reference ?? null, allocation: allocated, posted_by: postedBy },
      loan,
      allocation.outstandingAfterFen,
    );
  }

  /** The rules of the input that hold for every caller, not only the route's body. */
  private check(loan: LoanRow, input: RepaymentInput): void {
    const { problems, add } = collectProblems();
    const today = this.clock.today();
    if (input.paidOn > today) add('paidOn', `paidOn must not be in the future (the business date is ${today})`);
    if (loan.disbursed_on && input.paidOn < loan.disbursed_on) add('paidOn', `paidOn must not be before the loan was disbursed (${loan.disbursed_on})`);
    if (input.source === 'guarantor' && !input.guarantorRole) add('guarantorRole', 'a guarantor payment names the paying party: township, village or household');
    if (input.source !== 'guarantor' && input.guarantorRole) add('guarantorRole', 'guarantorRole is given only when the source is guarantor');
    if (hasProblems(problems)) throw validationFailed(problems);
  }

  /** A posting made before (the same event again), with the loan as it is now. */
  private async present(manager: EntityManager, row: RepaymentRow, loan: LoanRow): Promise<PostedRepayment> {
    return view(await this.standing(manager, loan), row, loan, await this.owedFen(manager, loan));
  }

  /**
   * Days past due and bucket on the business date, counted as GET /loans/:id counts them. Her
   * pauses are read only when something is still overdue after the posting: a loan paid up to
   * date (the usual case) costs no read.
   */
  private async standing(manager: EntityManager, loan: LoanRow): Promise<ArrearsStanding> {
    const today = this.clock.today();
    if (!loan.next_due_date || loan.next_due_date >= today) return standingOn(null, today, loan.grace_days);
    const pauses: PausePeriod[] = await manager.query(`SELECT from_date AS "from", to_date AS "to" FROM loans.arrears_pauses WHERE loan_id = $1`, [loan.id]);
    return standingOn(loan.next_due_date, today, loan.grace_days, pauses);
  }

  /** Fee and principal still owed on the loan's current schedule: the most a posting may take (more is refused as an overpayment). */
  async owedFen(manager: EntityManager, loan: LoanRow): Promise<number> {
    return outstandingFen((await this.schedule.unpaid(manager, loan.id)).map(owed));
  }
}

/** The loan's columns a posting changes. */
type LoanBalances = Pick<LoanRow, 'principal_outstanding_fen' | 'principal_repaid_fen' | 'fee_paid_fen' | 'postings_count' | 'next_due_date'> & Partial<Pick<LoanRow, 'days_past_due' | 'bucket'>>;

/** The instalments a posting touches, as one CTE part; paid_on is set on those it completes. None: no part. */
function payInstalmentsPart(loanId: string, allocated: readonly AllocatedInstalment[], paidOn: string, params: StatementParams): string[] {
  if (!allocated.length) return [];
  const columns = [
    params.add(allocated.map((a) => a.scheduleVersion), '::int[]'),
    params.add(allocated.map((a) => a.seq), '::int[]'),
    params.add(allocated.map((a) => a.feeFen), '::int[]'),
    params.add(allocated.map((a) => a.principalFen), '::int[]'),
    params.add(allocated.map((a) => a.paidInFull), '::boolean[]'),
  ];
  return [
    `paid AS (UPDATE loans.instalments i
        SET fee_paid_fen = i.fee_paid_fen + a.fee, principal_paid_fen = i.principal_paid_fen + a.principal,
            paid_on = CASE WHEN a.in_full THEN ${params.add(paidOn, '::date')} ELSE i.paid_on END
       FROM unnest(${columns.join(', ')}) AS a (version, seq, fee, principal, in_full)
      WHERE i.loan_id = ${loanId} AND i.schedule_version = a.version AND i.seq = a.seq)`,
  ];
}

function allocationOf(amountFen: number, unpaid: readonly InstalmentRow[]): Allocation {
  try {
    return allocate(amountFen, unpaid.map(owed));
  } catch (error) {
    if (error instanceof OverpaymentError) {
      throw new UnprocessableEntityException({ code: 'overpayment', message: error.message, details: { outstandingFen: error.outstandingFen, amountFen: error.amountFen } });
    }
    throw error;
  }
}

const owed = (i: InstalmentRow): OwedInstalment => ({
  scheduleVersion: i.schedule_version,
  seq: i.seq,
  principalFen: i.principal_fen,
  feeFen: i.fee_fen,
  subsidyLostFen: i.subsidy_lost_fen,
  principalPaidFen: i.principal_paid_fen,
  feePaidFen: i.fee_paid_fen,
});

function postedEvent(loan: LoanRow, repaymentId: string, input: RepaymentInput, allocation: Allocation): RepaymentPostedV1 {
  return {
    repaymentId,
    loanId: loan.id,
    applicationId: loan.application_id,
    projectId: loan.project_id,
    postedOn: input.paidOn,
    amountFen: input.amountFen,
    feeFen: allocation.totals.feeFen,
    principalFen: allocation.totals.principalFen,
    outstandingPrincipalFen: loan.principal_outstanding_fen,
    source: input.source,
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    ...(input.guarantorRole ? { guarantorRole: input.guarantorRole } : {}),
  };
}

type StoredRepayment = Pick<RepaymentRow, 'id' | 'loan_id' | 'paid_on' | 'amount_fen' | 'fee_fen' | 'principal_fen' | 'source' | 'guarantor_role' | 'reference' | 'allocation' | 'posted_by'>;

function view(standing: ArrearsStanding, row: StoredRepayment, loan: LoanRow, outstanding: number): PostedRepayment {
  return {
    id: row.id,
    loanId: row.loan_id,
    paidOn: row.paid_on,
    amountFen: row.amount_fen,
    feeFen: row.fee_fen,
    principalFen: row.principal_fen,
    source: row.source as RepaymentSource,
    guarantorRole: row.guarantor_role as GuarantorRole | null,
    reference: row.reference,
    postedBy: row.posted_by,
    allocation: row.allocation as AllocatedInstalment[],
    loan: {
      id: loan.id,
      status: loan.status,
      principalOutstandingFen: loan.principal_outstanding_fen,
      principalRepaidFen: loan.principal_repaid_fen,
      feePaidFen: loan.fee_paid_fen,
      outstandingFen: outstanding,
      postingsCount: loan.postings_count,
      nextDueDate: loan.next_due_date,
      daysPastDue: standing.daysPastDue,
      bucket: standing.bucket,
      repaidOn: loan.repaid_on,
    },
  };
}
