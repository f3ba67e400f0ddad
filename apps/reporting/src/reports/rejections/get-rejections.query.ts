import { AuthUser } from '@xingfu/kernel';
import type { ReportQuery } from '../query/report-query.dto';

export class GetRejectionsQuery {
  constructor(
    readonly filter: ReportQuery,
    readonly user: AuthUser,
  ) {}
}
