import { AuthUser } from '@xingfu/auth';
import { SubmitApplicationDto } from './submit-application.dto';

export class SubmitApplicationCommand {
  constructor(
    readonly input: SubmitApplicationDto,
    readonly user: AuthUser,
  ) {}
}
