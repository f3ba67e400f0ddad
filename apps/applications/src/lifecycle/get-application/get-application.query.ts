import { AuthUser } from '@xingfu/auth';

export class GetApplicationQuery {
  constructor(
    readonly applicationId: string,
    readonly user: AuthUser,
  ) {}
}
