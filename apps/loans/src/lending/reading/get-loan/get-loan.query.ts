import { AuthUser } from '@xingfu/kernel';

export class GetLoanQuery {
  constructor(
    readonly loanId: string,
    readonly user: AuthUser,
    readonly paging: { postingsPage?: number; postingsPageSize?: number },
  ) {}
}
