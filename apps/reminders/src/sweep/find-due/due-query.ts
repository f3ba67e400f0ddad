import { ReminderKind } from '../../domain/due-offsets';
import { NewReminder } from './new-reminder';

/**
 * One read of the read model for a sweep date: a query that takes `$1` = the date and `$2` =
 * the subject dates its kinds reach on it (date minus each offset, from the domain's table), so
 * it reads candidates through an index on the subject date only; and how one of its rows becomes
 * the reminders the domain says fall due (the query narrows, the domain decides). A query that
 * needs no `$1` still names it (`$1::date IS NOT NULL`): PostgreSQL refuses a parameter it cannot type.
 */
export interface DueQuery<Row = never> {
  name: string;
  kinds: readonly ReminderKind[];
  /**
   * Its subjects come from events another service's sweep emits the same morning (LoanDefaulted,
   * GuaranteeInvoked), often heard after this sweep ran for their date: the sweep for D asks
   * about D-1 and D-2 too, so a reminder heard late still goes while it is not stale.
   */
  heardLate?: boolean;
  sql: string;
  remindersOf(row: Row, date: string, smsConfigured: boolean): NewReminder[];
}

/** Lets the sweep hold queries of different row types in one list. */
export function dueQuery<Row>(query: DueQuery<Row>): DueQuery<unknown> {
  return query as unknown as DueQuery<unknown>;
}
