import { AuthUser } from '@xingfu/auth';
import { OpenPublicNoticeDto } from './open-public-notice.dto';

export class OpenPublicNoticeCommand {
  constructor(
    readonly input: OpenPublicNoticeDto,
    readonly user: AuthUser,
  ) {}
}
