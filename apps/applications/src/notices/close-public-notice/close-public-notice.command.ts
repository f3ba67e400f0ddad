import { Command } from '@xingfu/kit';
import { ClosedBy } from './notice-closer';

/** By an officer (manual), or by the system (the sweep or the delayed job), whose context has no user and so no scope. */
export class ClosePublicNoticeCommand extends Command<{ noticeId: string; closedBy: ClosedBy }> {}
