import { jobId } from '@xingfu/jobs';
import { channelFor, ReminderChannel } from '../../domain/due-channel';
import { DueReminder, reminderIdParts } from '../../domain/due-offsets';

/** A reminder's id, which is also the job id of its send job: `instalment-mother-<loanId>.v1.s3-T-7`. */
export function reminderId(due: Pick<DueReminder, 'kind' | 'subjectId' | 'offset' | 'party'>): string {
  return jobId(...reminderIdParts(due));
}

/** Where a reminder's row sits for scoped reads (copied from the read model when it is found). */
export interface ReminderScope {
  projectId?: string | null;
  countyCode?: string | null;
  townshipCode?: string | null;
  partnerId?: string | null;
  loanId?: string | null;
}

/** Who receives it: a phone (sealed, and its keyed hash for merging) for a mother or household, nothing for a task. */
export interface Recipient {
  name?: string | null;
  phoneSealed?: string | null;
  phoneHash?: string | null;
}

/** One reminders.reminders row as the sweep inserts it. */
export interface NewReminder {
  id: string;
  kind: string;
  subjectId: string;
  offset: string;
  dueOn: string;
  recipientRole: string;
  recipientName: string | null;
  channel: ReminderChannel;
  phoneSealed: string | null;
  phoneHash: string | null;
  projectId: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  partnerId: string | null;
  loanId: string | null;
  facts: object;
}

export function newReminder(due: DueReminder, to: Recipient, scope: ReminderScope, smsConfigured: boolean): NewReminder {
  const hasPhone = Boolean(to.phoneSealed && to.phoneHash);
  return {
    id: reminderId(due),
    kind: due.kind,
    subjectId: due.subjectId,
    offset: due.offset,
    dueOn: due.dueOn,
    recipientRole: due.recipientRole,
    recipientName: to.name ?? null,
    channel: channelFor({ hasPhone }, smsConfigured),
    phoneSealed: hasPhone ? to.phoneSealed! : null,
    phoneHash: hasPhone ? to.phoneHash! : null,
    projectId: scope.projectId ?? null,
    countyCode: scope.countyCode ?? null,
    townshipCode: scope.townshipCode ?? null,
    partnerId: scope.partnerId ?? null,
    loanId: scope.loanId ?? null,
    facts: due.facts,
  };
}

/** The county a township belongs to (its first six digits), when a read-model row has no county of its own. */
export function countyOf(townshipCode: string | null | undefined): string | null {
  return townshipCode ? townshipCode.slice(0, 6) : null;
}
