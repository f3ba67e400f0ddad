import { AuthUser } from '@xingfu/auth';
import { RecordFollowUpDto } from './record-follow-up.dto';

export class RecordFollowUpCommand {
  constructor(
    readonly applicationId: string,
    readonly input: RecordFollowUpDto,
    readonly user: AuthUser,
  ) {}
}
