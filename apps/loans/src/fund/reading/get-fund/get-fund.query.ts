import { AuthUser } from '@xingfu/kernel';

export class GetFundQuery {
  constructor(
    readonly projectId: string,
    readonly user: AuthUser,
  ) {}
}
