import { AuthUser } from '@xingfu/auth';
import { ApproveApplicationDto } from './approve-application.dto';

export class ApproveApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly input: ApproveApplicationDto,
    readonly user: AuthUser,
  ) {}
}
