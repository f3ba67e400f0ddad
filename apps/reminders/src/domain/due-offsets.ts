import { addDays, daysBetween } from '@xingfu/kernel';

/** Who a reminder is for (the reminders.recipient_role column). */
export type RecipientRole = 'mother' | 'guarantor' | 'officer' | 'project_manager' | 'partner';

/** The three parties of a joint guarantee; a reminder to a guarantor names which. */
export type GuarantorParty = 'household' | 'village' | 'township';

/**
 * Every kind of reminder, the days relative to its subject's date on which it falls due, and
 * who it is for. The one table of offsets: the sweep asks it which anchor dates a business date
 * reaches, the send job and the templates read the kind.
 */
export const REMINDER_KINDS = {
  /** The mother before, on and just after an unpaid instalment's due date. */
  'instalment-mother': { offsets: [-7, -1, 0, 3], recipientRole: 'mother' },
  /** The township officer once the instalment is 3 and 15 days late. */
  'instalment-officer': { offsets: [3, 15], recipientRole: 'officer' },
  /** Each guarantor party at 15 days late. */
  'instalment-guarantor': { offsets: [15], recipientRole: 'guarantor' },
  /** The county's project manager at 30 days late. */
  'instalment-manager': { offsets: [30], recipientRole: 'project_manager' },
  /** The project manager on the day the loan defaults. */
  'loan-defaulted-manager': { offsets: [0], recipientRole: 'project_manager' },
  /** Each guarantor party on the day the guarantee is invoked (the demand). */
  'guarantee-demand': { offsets: [0], recipientRole: 'guarantor' },
  /** The partner a week before an expected buyback. */
  'buyback-partner': { offsets: [-7], recipientRole: 'partner' },
  /** The officer the day before a public notice ends. */
  'notice-officer': { offsets: [-1], recipientRole: 'officer' },
  /** The officer 3 days and 1 day before an open guarantee's signing deadline. */
  'guarantee-deadline-officer': { offsets: [-3, -1], recipientRole: 'officer' },
  /** The officer on the day a follow-up visit is due. */
  'follow-up-officer': { offsets: [0], recipientRole: 'officer' },
} as const satisfies Record<string, { offsets: readonly number[]; recipientRole: RecipientRole }>;

export type ReminderKind = keyof typeof REMINDER_KINDS;

/** `T-7`, `T0`, `T+3`: how an offset is written in a reminder's id and row. */
export type OffsetLabel = `T${string}`;

export function offsetLabel(days: number): OffsetLabel {
  return days === 0 ? 'T0' : days > 0 ? `T+${days}` : `T${days}`;
}

/** What a template needs (only what applies to the kind). */
export interface ReminderFacts {
  loanId?: string;
  seq?: number;
  amountFen?: number;
  dueDate?: string;
  daysPastDue?: number;
  nameMasked?: string;
  villageCode?: string;
  partyName?: string;
  partyRole?: GuarantorParty;
  expectedOn?: string;
  deadline?: string;
}

/** One reminder that falls due on a business date, before its recipient's details are added. */
export interface DueReminder {
  kind: ReminderKind;
  subjectId: string;
  offset: OffsetLabel;
  /** The business date it is meant for: the date asked about. */
  dueOn: string;
  recipientRole: RecipientRole;
  /** For a guarantor: which party (one subject has a reminder per party, told apart in the id). */
  party?: GuarantorParty;
  facts: ReminderFacts;
}

/** The kind's offset (in days) that lands `anchor` on `date`, or undefined when none does. */
export function offsetOn(kind: ReminderKind, anchor: string, date: string): number | undefined {
  const days = daysBetween(anchor, date);
  return (REMINDER_KINDS[kind].offsets as readonly number[]).includes(days) ? days : undefined;
}

/**
 * The subject dates that have a reminder of one of these kinds on `date` (date minus each
 * offset), so a query can ask for those dates only: for the instalment kinds on 2027-03-10,
 * instalments due 03-17, 03-11, 03-10, 03-07, 02-23 and 02-08.
 */
export function anchorDatesFor(date: string, kinds: readonly ReminderKind[]): string[] {
  const offsets = new Set(kinds.flatMap((kind) => REMINDER_KINDS[kind].offsets as readonly number[]));
  return [...offsets].sort((a, b) => a - b).map((days) => addDays(date, -days));
}

/** A reminder of `kind` on `date` for a subject whose date is `anchor`, if one falls due. */
export function dueOf(kind: ReminderKind, subjectId: string, anchor: string, date: string, facts: ReminderFacts, party?: GuarantorParty): DueReminder | undefined {
  return dueAfter(kind, subjectId, daysBetween(anchor, date), date, facts, party);
}

/** The same, for a caller that knows the days from the subject's date to `date` already (many kinds of one subject). */
export function dueAfter(kind: ReminderKind, subjectId: string, days: number, date: string, facts: ReminderFacts, party?: GuarantorParty): DueReminder | undefined {
  if (!(REMINDER_KINDS[kind].offsets as readonly number[]).includes(days)) return undefined;
  const due: DueReminder = { kind, subjectId, offset: offsetLabel(days), dueOn: date, recipientRole: REMINDER_KINDS[kind].recipientRole, facts };
  if (party) due.party = party;
  return due;
}

/**
 * The parts of a reminder's id (`jobId(...parts)`, also its send job's id): kind, subject,
 * offset; a guarantor's party too when one subject has a reminder per party.
 */
export function reminderIdParts(due: Pick<DueReminder, 'kind' | 'subjectId' | 'offset' | 'party'>): string[] {
  return due.kind === 'instalment-guarantor' && due.party ? [due.kind, due.subjectId, due.party, due.offset] : [due.kind, due.subjectId, due.offset];
}
