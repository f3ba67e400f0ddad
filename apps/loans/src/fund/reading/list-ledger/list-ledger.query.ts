import { PageQuery } from '@xingfu/common';
import { AuthUser } from '@xingfu/kernel';

export class ListLedgerQuery {
  constructor(
    readonly projectId: string,
    readonly page: PageQuery,
    readonly user: AuthUser,
  ) {}
}
