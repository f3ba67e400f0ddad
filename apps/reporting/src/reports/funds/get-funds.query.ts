import { AuthUser } from '@xingfu/kernel';
import type { FundsQuery } from '../query/report-query.dto';

export class GetFundsQuery {
  constructor(
    readonly filter: FundsQuery,
    readonly user: AuthUser,
  ) {}
}
