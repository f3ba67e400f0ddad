import { daysBetween } from '@xingfu/kernel';
import { DueReminder, dueAfter, GuarantorParty, REMINDER_KINDS, ReminderFacts, ReminderKind } from './due-offsets';

export type LoanStatus = 'active' | 'repaid' | 'defaulted' | 'written_off';

/** A repaid or written-off loan is reminded of nothing more (a defaulted one still owes). */
export function isLoanClosed(status: LoanStatus): boolean {
  return status === 'repaid' || status === 'written_off';
}

/** What the read model knows of one instalment on the date asked about. */
export interface InstalmentState {
  loanId: string;
  scheduleVersion: number;
  /** The loan's current schedule: an instalment of an earlier one was replaced by a reschedule. */
  currentScheduleVersion: number;
  seq: number;
  dueDate: string;
  dueFen: number;
  paidFen: number;
  unpaid: boolean;
  loanStatus: LoanStatus;
  /** An arrears pause covers the date: nobody is chased for lateness during it. */
  paused: boolean;
  /** The parties of the loan's guarantee (none when it has no guarantee in force). */
  parties: readonly GuarantorParty[];
  nameMasked?: string;
  villageCode?: string;
}

/** The subject of an instalment's reminders: a reschedule makes new subjects. */
export function instalmentSubjectId(i: { loanId: string; scheduleVersion: number; seq: number }): string {
  return `${i.loanId}.v${i.scheduleVersion}.s${i.seq}`;
}

const PER_RECIPIENT: readonly ReminderKind[] = ['instalment-mother', 'instalment-officer', 'instalment-manager'];
/** Every offset of an instalment kind: most candidates of a date have one, the rest leave at once. */
const INSTALMENT_OFFSETS = new Set<number>([...PER_RECIPIENT, 'instalment-guarantor' as const].flatMap((kind) => REMINDER_KINDS[kind].offsets as readonly number[]));

/**
 * The reminders an instalment has on `date`: the mother at T-7, T-1, T0 and T+3, the officer at
 * T+3 and T+15, each guarantor party at T+15, the project manager at T+30. None once it is paid,
 * superseded by a reschedule, or its loan closed; none of the late ones (after T0) while a pause
 * covers the date.
 */
export function instalmentRemindersDueOn(date: string, i: InstalmentState): DueReminder[] {
  if (!i.unpaid || i.scheduleVersion !== i.currentScheduleVersion || isLoanClosed(i.loanStatus)) return [];
  const late = daysBetween(i.dueDate, date);
  if (!INSTALMENT_OFFSETS.has(late) || (i.paused && late > 0)) return [];
  const subjectId = instalmentSubjectId(i);
  const facts: ReminderFacts = {
    loanId: i.loanId,
    seq: i.seq,
    dueDate: i.dueDate,
    amountFen: Math.max(0, i.dueFen - i.paidFen),
    daysPastDue: Math.max(0, late),
    ...(i.nameMasked !== undefined && { nameMasked: i.nameMasked }),
    ...(i.villageCode !== undefined && { villageCode: i.villageCode }),
  };
  const due = PER_RECIPIENT.map((kind) => dueAfter(kind, subjectId, late, date, facts));
  for (const party of i.parties) due.push(dueAfter('instalment-guarantor', subjectId, late, date, { ...facts, partyRole: party }, party));
  return due.filter((d): d is DueReminder => d !== undefined);
}
