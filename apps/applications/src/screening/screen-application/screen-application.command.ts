import { AuthUser } from '@xingfu/auth';

export class ScreenApplicationCommand {
  constructor(
    readonly applicationId: string,
    readonly user: AuthUser,
  ) {}
}
