import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@xingfu/common';
import { EventContract, InstalmentOverdue, InstalmentOverdueV1, LoanDefaulted } from '@xingfu/contracts';
import { queryPipelined, SqlStatement, writePipelined } from '@xingfu/database';
import { actorLabel, CommandContext, systemContext } from '@xingfu/kernel';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_THRESHOLD_DAYS, PausePeriod } from '../../domain/arrears';
import { AgeingInstalment, ageLoan, LoanAged } from '../../domain/arrears-ageing';
import { nextStatus } from '../../domain/loan-status';
import { InstalmentRow, LoanRow } from '../../shared/loan.rows';

export interface AgeingCounts {
  asOf: string;
  /** Loans whose state could change on the date (an instalment's next bucket, a subsidy, a default), aged for it; those aged already are not counted. */
  loansAged: number;
  /** InstalmentOverdue events: an instalment entered a bucket. */
  bucketsEntered: number;
  loansDefaulted: number;
  /** Loans set back to current: in arrears last time, their overdue instalments paid since. */
  loansCleared: number;
  batches: number;
}

/** The columns the sweep reads of a loan it ages (not the whole row: a page of wide rows parsed for nothing). */
const AGED_LOAN_COLUMNS = ['id', 'application_id', 'project_id', 'township_code', 'status', 'grace_days', 'charge_kind', 'subsidy_basis_points', 'principal_outstanding_fen'] as const;
type AgedLoanRow = Pick<LoanRow, (typeof AGED_LOAN_COLUMNS)[number]> & { default_threshold_days: number | null };

/** Loans per transaction: large enough that the per-statement cost vanishes, small enough that a repayment waits on a batch's locks for milliseconds. */
export const AGEING_BATCH_SIZE = 500;

/**
 * The arrears sweep for one business date. It touches only the loans whose state can change on
 * the date, found in SQL: those with an unpaid instalment whose ages_on (the date it enters its
 * next bucket, or the next day while it loses a subsidy; domain/arrears-ageing) has come, over
 * the partial index instalments_ageing, and the active loans old enough to cross their project's
 * default threshold. Days past due are not rewritten daily: readers compute them from the date
 * (domain/arrears standingOn). The candidates are paged in keyset order of loan id (never all in
 * memory) and each page aged in one transaction of two round trips: loans locked in id order
 * with their unpaid instalments fallen due and their pauses, then the rows that changed, the
 * defaults and the events (one multi-row INSERT per type, through the kit's OutboxWriter). A loan aged for
 * the date already (aged_on >= date) is skipped, and an instalment aged for it has its ages_on
 * past it, so a second run emits nothing; a written-off or repaid loan is left out.
 */
@Injectable()
export class LoanAgeing {
  private readonly logger = new Logger('LoanAgeing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async run(asOf: string, batchSize = AGEING_BATCH_SIZE): Promise<AgeingCounts> {
    const counts: AgeingCounts = { asOf, loansAged: 0, bucketsEntered: 0, loansDefaulted: 0, loansCleared: 0, batches: 0 };
    const context = systemContext('loan-arrears-sweep', randomUUID());
    let after: string | undefined;
    const defaultBound = await this.defaultBound(asOf);
    for (;;) {
      const page = await this.page(asOf, defaultBound, after, batchSize);
      if (!page.length) break;
      after = page[page.length - 1];
      counts.batches++;
      await this.dataSource.transaction(async (manager) => {
        const aged = await this.ageBatch(manager, context, page, asOf);
        counts.loansAged += aged.loansAged;
        counts.bucketsEntered += aged.bucketsEntered;
        counts.loansDefaulted += aged.loansDefaulted;
      });
      if (page.length < batchSize) break;
    }
    counts.loansCleared = await this.clearPaidUp(asOf);
    if (counts.loansAged || counts.loansCleared) this.logger.log(`arrears ${asOf}: ${JSON.stringify(counts)}`);
    return counts;
  }

  /**
   * The next page of ids of loans whose state can change on the date: an instalment's ages_on
   * has come (NULL: never looked at, from the day after its due date; over instalments_ageing),
   * or an active loan's oldest unpaid instalment is older than its project's threshold (a
   * necessary condition of default, as pauses only lower the days; `defaultBound`, the date
   * less the lowest threshold, lets the scan use loans_due_for_ageing). The loans' own state
   * (status, aged_on) is checked when they are locked; joining them here made the planner walk
   * the whole primary key.
   */
  private async page(asOf: string, defaultBound: string, after: string | undefined, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT i.loan_id AS id FROM loans.instalments i
        WHERE i.paid_on IS NULL AND NOT i.superseded AND COALESCE(i.ages_on, i.due_date + 1) <= $1 AND ($3::uuid IS NULL OR i.loan_id > $3::uuid)
       UNION
       SELECT l.id FROM loans.loans l LEFT JOIN loans.projects p ON p.project_id = l.project_id
        WHERE l.status = 'active' AND l.next_due_date < $2::date AND l.next_due_date < $1::date - COALESCE(p.default_threshold_days, ${DEFAULT_THRESHOLD_DAYS})
          AND ($3::uuid IS NULL OR l.id > $3::uuid)
       ORDER BY id LIMIT ${Number(limit)}`,
      [asOf, defaultBound, after ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** The date less the lowest default threshold of any project (and the default's, for a loan whose project is not known yet). */
  private async defaultBound(asOf: string): Promise<string> {
    const [{ bound }]: { bound: string }[] = await this.dataSource.query(
      `SELECT ($1::date - LEAST(${DEFAULT_THRESHOLD_DAYS}, COALESCE(min(default_threshold_days), ${DEFAULT_THRESHOLD_DAYS})))::text AS bound FROM loans.projects`,
      [asOf],
    );
    return bound;
  }

  /**
   * One page in two round trips before the commit: the reads (the loans locked, then their
   * unpaid instalments fallen due and their pauses, each statement after the one before it, so
   * the rows read are those of the locked loans), then every write (the events, the rows that
   * changed, the defaults and their history), pipelined: a loaded machine makes each round trip
   * cost a wake-up of this process and of the server.
   */
  private async ageBatch(manager: EntityManager, context: CommandContext, ids: string[], asOf: string): Promise<Pick<AgeingCounts, 'loansAged' | 'bucketsEntered' | 'loansDefaulted'>> {
    const [lockedRows, instalmentRows, pauseRows] = await queryPipelined(manager, [
      {
        sql: `SELECT ${AGED_LOAN_COLUMNS.map((c) => `l.${c}`).join(', ')}, p.default_threshold_days FROM loans.loans l LEFT JOIN loans.projects p ON p.project_id = l.project_id
               WHERE l.id = ANY($1::uuid[]) AND l.status IN ('active', 'defaulted') AND (l.aged_on IS NULL OR l.aged_on < $2)
               ORDER BY l.id FOR UPDATE OF l`,
        params: [ids, asOf],
      },
      { sql: `SELECT * FROM loans.instalments WHERE loan_id = ANY($1::uuid[]) AND NOT superseded AND paid_on IS NULL AND due_date <= $2 ORDER BY loan_id, due_date, seq`, params: [ids, asOf] },
      { sql: `SELECT loan_id, from_date AS "from", to_date AS "to" FROM loans.arrears_pauses WHERE loan_id = ANY($1::uuid[])`, params: [ids] },
    ]);
    const loans = lockedRows as unknown as AgedLoanRow[];
    const instalments = groupBy(instalmentRows as unknown as InstalmentRow[]);
    const pauses = groupBy(pauseRows as unknown as { loan_id: string; from: string; to: string }[]);

    const instalmentUpdates: InstalmentUpdate[] = [];
    const loanUpdates: { id: string; days: number; bucket: string }[] = [];
    const overdue: { aggregateId: string; payload: InstalmentOverdueV1 }[] = [];
    const defaulted: { loan: AgedLoanRow; aged: LoanAged }[] = [];
    for (const loan of loans) {
      const aged = ageLoan(
        { status: loan.status, graceDays: loan.grace_days, chargeKind: loan.charge_kind, subsidyBasisPoints: loan.subsidy_basis_points, thresholdDays: loan.default_threshold_days ?? DEFAULT_THRESHOLD_DAYS },
        (instalments.get(loan.id) ?? []).map(toAgeing),
        (pauses.get(loan.id) ?? []) as PausePeriod[],
        asOf,
      );
      loanUpdates.push({ id: loan.id, days: aged.daysPastDue, bucket: aged.bucket });
      for (const i of aged.instalments) {
        if (i.changed) instalmentUpdates.push({ loanId: loan.id, version: i.scheduleVersion, seq: i.seq, days: i.daysPastDue, bucket: i.bucket, lost: i.subsidyLostFen, agesOn: i.agesOn });
        if (!i.entered || i.unpaidFen < 1) continue;
        overdue.push({
          aggregateId: loan.id,
          payload: {
            loanId: loan.id,
            applicationId: loan.application_id,
            projectId: loan.project_id,
            townshipCode: loan.township_code,
            scheduleVersion: i.scheduleVersion,
            seq: i.seq,
            dueDate: i.dueDate,
            asOf,
            daysPastDue: i.daysPastDue,
            bucket: i.entered,
            unpaidFen: i.unpaidFen,
          },
        });
      }
      if (aged.defaults && aged.overdueFen > 0) defaulted.push({ loan, aged });
    }
    // The state machine (domain/loan-status) says where a default goes, and refuses an illegal one, before anything is written.
    const defaultedTo = new Map(defaulted.map(({ loan }) => [loan.id, nextStatus(loan.status, 'default')]));
    const headers = { correlationId: context.correlationId, causationId: context.causationId, actor: actorLabel(context.actor) };
    const events = <P extends object>(contract: EventContract<P>, list: { aggregateId: string; payload: P }[]) =>
      list.length ? this.outbox.prepareMany(manager, contract, list.map((e) => ({ ...e, context: headers }))).statement : undefined;
    const defaults = defaulted.map(({ loan, aged }) => ({
      aggregateId: loan.id,
      payload: {
        loanId: loan.id,
        applicationId: loan.application_id,
        projectId: loan.project_id,
        defaultedOn: asOf,
        daysPastDue: aged.daysPastDue,
        overdueFen: aged.overdueFen,
        outstandingPrincipalFen: loan.principal_outstanding_fen,
      },
    }));
    const writes = [
      retireOutsideTheSweep(ids, loans.map((l) => l.id), asOf),
      events(InstalmentOverdue, overdue),
      instalmentsChanged(instalmentUpdates),
      loans.length ? loansAged(loanUpdates, defaultedTo, asOf) : undefined,
      defaultsRecorded(defaulted, defaultedTo, asOf, this.clock.today(), headers.actor),
      events(LoanDefaulted, defaults),
    ].filter((w): w is SqlStatement => w !== undefined);
    await writePipelined(manager, writes);
    return { loansAged: loans.length, bucketsEntered: overdue.length, loansDefaulted: defaulted.length };
  }

  /** Loans in arrears last time whose overdue instalments have all been paid since: current again (over loans_in_arrears). */
  private async clearPaidUp(asOf: string): Promise<number> {
    // An UPDATE through TypeORM answers [rows, affected].
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE loans.loans SET days_past_due = 0, bucket = 'current', aged_on = $1, updated_at = now()
        WHERE days_past_due > 0 AND status IN ('active', 'defaulted') AND (next_due_date IS NULL OR next_due_date > $1) AND (aged_on IS NULL OR aged_on < $1)
        RETURNING id`,
      [asOf],
    );
    return affected;
  }
}

/**
 * A candidate the sweep does not age, its loan no longer active or defaulted (written off with
 * instalments unpaid): its instalments will not age again, so they leave the ageing index
 * instead of coming back every day. A loan aged for the date already is left alone.
 */
function retireOutsideTheSweep(ids: string[], lockedIds: string[], asOf: string): SqlStatement | undefined {
  const locked = new Set(lockedIds);
  const others = ids.filter((id) => !locked.has(id));
  if (!others.length) return undefined;
  return {
    sql: `UPDATE loans.instalments i SET ages_on = 'infinity' FROM loans.loans l
           WHERE l.id = i.loan_id AND i.loan_id = ANY($1::uuid[]) AND l.status NOT IN ('active', 'defaulted') AND i.paid_on IS NULL AND NOT i.superseded AND COALESCE(i.ages_on, i.due_date + 1) <= $2`,
    params: [others, asOf],
  };
}

/** The instalments whose state changed, with the date to look at them again ('infinity': never, until a payment, pause or reschedule). */
function instalmentsChanged(updates: InstalmentUpdate[]): SqlStatement | undefined {
  if (!updates.length) return undefined;
  return {
    sql: `UPDATE loans.instalments i SET days_past_due = v.days, bucket = v.bucket, subsidy_lost_fen = v.lost, ages_on = COALESCE(v.ages_on, 'infinity'::date)
            FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::text[], $6::int[], $7::date[]) AS v(loan_id, version, seq, days, bucket, lost, ages_on)
           WHERE i.loan_id = v.loan_id AND i.schedule_version = v.version AND i.seq = v.seq`,
    params: [
      updates.map((u) => u.loanId),
      updates.map((u) => u.version),
      updates.map((u) => u.seq),
      updates.map((u) => u.days),
      updates.map((u) => u.bucket),
      updates.map((u) => u.lost),
      updates.map((u) => u.agesOn),
    ],
  };
}

/** The loans aged: their days as of the date, for the record (readers compute them afresh), and the defaults, in one statement. */
function loansAged(updates: { id: string; days: number; bucket: string }[], defaultedTo: Map<string, string>, asOf: string): SqlStatement {
  return {
    sql: `UPDATE loans.loans l SET days_past_due = v.days, bucket = v.bucket, aged_on = $4, updated_at = now(),
                 status = COALESCE(v.status, l.status), defaulted_on = CASE WHEN v.status IS NULL THEN l.defaulted_on ELSE $4::date END
            FROM unnest($1::uuid[], $2::int[], $3::text[], $5::text[]) AS v(id, days, bucket, status) WHERE l.id = v.id`,
    params: [updates.map((u) => u.id), updates.map((u) => u.days), updates.map((u) => u.bucket), asOf, updates.map((u) => defaultedTo.get(u.id) ?? null)],
  };
}

/**
 * The history line LoanLifecycle.move writes for each default (who, the business date, the
 * figures), for all of a page's defaults in one INSERT: a sweep can default many loans a day.
 */
function defaultsRecorded(defaulted: { loan: AgedLoanRow; aged: LoanAged }[], to: Map<string, string>, asOf: string, businessDate: string, actor: string): SqlStatement | undefined {
  if (!defaulted.length) return undefined;
  const detail = ({ loan, aged }: { loan: AgedLoanRow; aged: LoanAged }) =>
    JSON.stringify({ asOf, daysPastDue: aged.daysPastDue, thresholdDays: loan.default_threshold_days ?? DEFAULT_THRESHOLD_DAYS, overdueFen: aged.overdueFen });
  return {
    sql: `INSERT INTO loans.loan_history (loan_id, step, from_status, to_status, business_date, actor, detail)
          SELECT v.loan_id, 'default', v.from_status, v.to_status, $4, $5, v.detail
            FROM unnest($1::uuid[], $2::text[], $3::text[], $6::jsonb[]) WITH ORDINALITY AS v(loan_id, from_status, to_status, detail, n) ORDER BY v.n`,
    params: [defaulted.map((d) => d.loan.id), defaulted.map((d) => d.loan.status), defaulted.map((d) => to.get(d.loan.id)), businessDate, actor, defaulted.map(detail)],
  };
}

interface InstalmentUpdate {
  loanId: string;
  version: number;
  seq: number;
  days: number;
  bucket: string;
  lost: number;
  agesOn: string | null;
}

function toAgeing(row: InstalmentRow): AgeingInstalment {
  return {
    scheduleVersion: row.schedule_version,
    seq: row.seq,
    dueDate: row.due_date,
    principalFen: row.principal_fen,
    feeFen: row.fee_fen,
    principalPaidFen: row.principal_paid_fen,
    feePaidFen: row.fee_paid_fen,
    subsidyLostFen: row.subsidy_lost_fen,
    daysPastDue: row.days_past_due,
    bucket: row.bucket,
    // Stored: NULL never looked at (undefined here), 'infinity' nothing left to change (null).
    agesOn: row.ages_on === null ? undefined : row.ages_on === 'infinity' ? null : row.ages_on,
  };
}

function groupBy<T extends { loan_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.loan_id);
    if (list) list.push(row);
    else map.set(row.loan_id, [row]);
  }
  return map;
}
