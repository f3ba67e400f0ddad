import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertInScope } from '@xingfu/auth';
import { DomainError } from '@xingfu/kernel';
import { DataSource } from 'typeorm';
import { GuaranteeRow } from '../../shared/guarantee.rows';
import { GuaranteeView } from '../../shared/guarantee-view';
import { GetGuaranteeQuery } from './get-guarantee.query';

@QueryHandler(GetGuaranteeQuery)
export class GetGuaranteeHandler implements IQueryHandler<GetGuaranteeQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly view: GuaranteeView,
  ) {}

  async execute({ guaranteeId, user }: GetGuaranteeQuery) {
    const [guarantee]: GuaranteeRow[] = await this.dataSource.query(`SELECT * FROM guarantees.guarantees WHERE id = $1`, [guaranteeId]);
    if (!guarantee) throw new DomainError('not_found', 'not_found', `guarantee ${guaranteeId} was not found`, { id: guaranteeId });
    assertInScope(user, { townshipCode: guarantee.township_code, countyCode: guarantee.county_code }, 'guarantee', guaranteeId);
    return this.view.present(this.dataSource.manager, guarantee);
  }
}
