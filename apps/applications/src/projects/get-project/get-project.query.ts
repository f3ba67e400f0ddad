import { AuthUser } from '@xingfu/auth';

export class GetProjectQuery {
  constructor(
    readonly projectId: string,
    readonly user: AuthUser,
  ) {}
}
