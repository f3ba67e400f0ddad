import { AuthUser } from '@xingfu/auth';
import { ResolveObjectionDto } from './resolve-objection.dto';

export class ResolveObjectionCommand {
  constructor(
    readonly objectionId: string,
    readonly input: ResolveObjectionDto,
    readonly user: AuthUser,
  ) {}
}
