import { AuthUser } from '@xingfu/auth';

export class GetPublicNoticeQuery {
  constructor(
    readonly noticeId: string,
    readonly user: AuthUser,
  ) {}
}
