import { noticeHasEnded } from './notice-period';

export interface ClosableNotice {
  id: string;
  status: 'open' | 'closed';
  endDate: string;
}

export interface CloseRefusal {
  code: 'notice_closed' | 'notice_not_ended' | 'unresolved_objections';
  message: string;
  details: Record<string, unknown>;
}

/**
 * Why a notice cannot close now, or null when it can. A notice closes once, only after its
 * last day, and only when nobody's objection is left unanswered: an objection blocks while
 * it is open and its application is still on the notice (a withdrawn or rejected one no
 * longer has anything to answer).
 */
export function closeRefusal(notice: ClosableNotice, now: Date, today: string, blockingObjectionIds: string[]): CloseRefusal | null {
  if (notice.status === 'closed') {
    return { code: 'notice_closed', message: 'The public notice is already closed.', details: { noticeId: notice.id } };
  }
  if (!noticeHasEnded(notice.endDate, now)) {
    return { code: 'notice_not_ended', message: `The public notice runs until the end of ${notice.endDate}.`, details: { noticeId: notice.id, endDate: notice.endDate, today } };
  }
  if (blockingObjectionIds.length > 0) {
    return {
      code: 'unresolved_objections',
      message: 'Resolve every objection before the notice closes.',
      details: { noticeId: notice.id, objectionIds: [...blockingObjectionIds].sort() },
    };
  }
  return null;
}
