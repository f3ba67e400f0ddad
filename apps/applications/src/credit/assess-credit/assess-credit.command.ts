import { AuthUser } from '@xingfu/auth';
import { AssessCreditDto } from './assess-credit.dto';

export class AssessCreditCommand {
  constructor(
    readonly applicationId: string,
    readonly input: AssessCreditDto,
    readonly user: AuthUser,
  ) {}
}
