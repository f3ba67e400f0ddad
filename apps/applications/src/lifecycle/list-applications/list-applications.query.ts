import { AuthUser } from '@xingfu/auth';
import { ListApplicationsFilter } from './list-applications.dto';

export class ListApplicationsQuery {
  constructor(
    readonly filter: ListApplicationsFilter,
    readonly user: AuthUser,
  ) {}
}
