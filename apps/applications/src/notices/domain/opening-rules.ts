import { addDays } from '@xingfu/kernel';
import { collectProblems, FieldProblems } from '@xingfu/kernel';

/** How far ahead a notice may be scheduled: the list is posted for the village now, not next season. */
export const MAX_NOTICE_LEAD_DAYS = 30;

export interface NoticeOpening {
  startDate: string;
  days: number;
}

/**
 * Why a notice may not open as asked (by field), empty when it may. 公示 exists so that anyone
 * can object while the list is up: a notice that starts in the past, or runs shorter than the
 * project's public-notice days, could end before anyone saw it.
 */
export function openingProblems(notice: NoticeOpening, ctx: { today: string; minDays: number }): FieldProblems {
  const { problems, add } = collectProblems();
  if (notice.startDate < ctx.today) add('startDate', `must be today (${ctx.today}) or later: a back-dated notice would close before anyone could object`);
  const latest = addDays(ctx.today, MAX_NOTICE_LEAD_DAYS);
  if (notice.startDate > latest) add('startDate', `must be within ${MAX_NOTICE_LEAD_DAYS} days of today (on or before ${latest})`);
  if (notice.days < ctx.minDays) add('days', `must be at least ${ctx.minDays}, the project's public-notice days`);
  return problems;
}
