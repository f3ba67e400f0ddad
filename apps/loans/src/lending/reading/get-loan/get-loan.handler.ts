import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertInScope } from '@xingfu/auth';
import { DomainError } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { LoanView } from '../../../shared/loan-view';
import { GetLoanQuery } from './get-loan.query';

@QueryHandler(GetLoanQuery)
export class GetLoanHandler implements IQueryHandler<GetLoanQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: LoanView,
  ) {}

  async execute({ loanId, user, paging }: GetLoanQuery) {
    // The route's guard checked the scope; checked again on the row read here (fails closed).
    const [where]: { township_code: string; county_code: string }[] = await this.dataSource.query(`SELECT township_code, county_code FROM loans.loans WHERE id = $1`, [loanId]);
    if (!where) throw new DomainError('not_found', 'not_found', `loan ${loanId} was not found`, { id: loanId });
    assertInScope(user, { townshipCode: where.township_code, countyCode: where.county_code }, 'loan', loanId);
    return this.view.present(this.dataSource.manager, loanId, paging);
  }
}
