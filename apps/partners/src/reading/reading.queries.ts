import { AuthUser } from '@xingfu/kernel';
import type { ListEnrolmentsFilter } from './list-enrolments.dto';

export class GetPartnerQuery {
  constructor(readonly partnerId: string) {}
}

export class GetEnrolmentQuery {
  constructor(readonly enrolmentId: string) {}
}

export class ListEnrolmentsQuery {
  constructor(
    readonly partnerId: string,
    readonly filter: ListEnrolmentsFilter,
    readonly user: AuthUser,
  ) {}
}
