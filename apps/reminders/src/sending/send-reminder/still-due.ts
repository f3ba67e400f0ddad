import { isLoanClosed, LoanStatus } from '../../domain/due-instalments';

/** Why a reminder found due by the sweep is no longer sent (its status). */
export type SkipStatus = 'skipped_paid' | 'skipped_paused' | 'skipped_closed';

/** What the read model says now about a reminder's subject (only what applies to its kind). */
export interface SubjectNow {
  kind: string;
  today: string;
  instalment?: { paid: boolean; scheduleVersion: number } | null;
  loan?: { status: LoanStatus; scheduleVersion: number } | null;
  /** An arrears pause of the loan covers today. */
  paused?: boolean;
  /** The reminder is for after the due date (T+3 and later): what a pause holds back. */
  late?: boolean;
  guarantee?: { status: string } | null;
  notice?: { closedOn: string | null } | null;
  buyback?: { boughtOn: string | null } | null;
  followUp?: { nextDueOn: string } | null;
  /** For a follow-up: the due date the reminder was for. */
  followUpDueOn?: string;
}

/**
 * Checked again at send time, since the sweep may have run hours before: the sweep's own rules
 * (domain/due-*) applied to the read model as it is now. An instalment paid since is not
 * reminded, nor a late instalment of a loan in an arrears pause (reminders before the due date
 * still go, as the sweep finds them), nor anything whose subject is over. Undefined: still to send.
 */
export function skipAtSendTime(now: SubjectNow): SkipStatus | undefined {
  if (now.kind.startsWith('instalment-')) {
    if (now.instalment?.paid) return 'skipped_paid';
    if (!now.loan || isLoanClosed(now.loan.status)) return 'skipped_closed';
    // A reschedule replaced the schedule: its new instalments have reminders of their own.
    if (!now.instalment || now.instalment.scheduleVersion < now.loan.scheduleVersion) return 'skipped_closed';
    if (now.paused && now.late) return 'skipped_paused';
    return undefined;
  }
  switch (now.kind) {
    case 'loan-defaulted-manager':
    case 'guarantee-demand':
      if (now.loan && isLoanClosed(now.loan.status)) return 'skipped_closed';
      return undefined;
    case 'guarantee-deadline-officer':
      return now.guarantee && now.guarantee.status !== 'open' ? 'skipped_closed' : undefined;
    case 'notice-officer':
      return now.notice?.closedOn ? 'skipped_closed' : undefined;
    case 'buyback-partner':
      return now.buyback?.boughtOn ? 'skipped_closed' : undefined;
    case 'follow-up-officer':
      // A visit recorded since moved the next one on.
      return now.followUp && now.followUpDueOn && now.followUp.nextDueOn > now.followUpDueOn ? 'skipped_closed' : undefined;
    default:
      return undefined;
  }
}
