import { AuthUser } from '@xingfu/auth';

/** Ends an open application by a decision (rejection) or by the mother (withdrawal). */
export class EndApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly step: 'rejection' | 'withdrawal',
    readonly reason: string,
    readonly user: AuthUser,
  ) {}
}
