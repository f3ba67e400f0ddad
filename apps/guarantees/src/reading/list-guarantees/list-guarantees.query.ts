import { AuthUser } from '@xingfu/kernel';
import type { ListGuaranteesFilter } from './list-guarantees.dto';

export class ListGuaranteesQuery {
  constructor(
    readonly filter: ListGuaranteesFilter & { householdIdHash?: string },
    readonly user: AuthUser,
  ) {}
}
