import { AuthUser } from '@xingfu/kernel';
import type { ListLoansFilter } from './list-loans.dto';

export class ListLoansQuery {
  constructor(
    readonly filter: ListLoansFilter,
    readonly user: AuthUser,
  ) {}
}
