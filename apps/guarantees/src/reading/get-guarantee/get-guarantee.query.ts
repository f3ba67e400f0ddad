import { AuthUser } from '@xingfu/kernel';

export class GetGuaranteeQuery {
  constructor(
    readonly guaranteeId: string,
    readonly user: AuthUser,
  ) {}
}
