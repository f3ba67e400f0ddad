import { AuthUser } from '@xingfu/auth';
import { ClosedBy } from './notice-closer';

/** `user` is null when the job closes the notice: no person, no scope. */
export class ClosePublicNoticeCommand {
  constructor(
    readonly noticeId: string,
    readonly user: AuthUser | null,
    readonly closedBy: ClosedBy,
  ) {}
}
