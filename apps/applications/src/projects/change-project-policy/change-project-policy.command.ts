import { AuthUser } from '@xingfu/auth';
import { ChangeProjectPolicyDto } from './change-project-policy.dto';

export class ChangeProjectPolicyCommand {
  constructor(
    readonly projectId: string,
    readonly input: ChangeProjectPolicyDto,
    readonly user: AuthUser,
  ) {}
}
