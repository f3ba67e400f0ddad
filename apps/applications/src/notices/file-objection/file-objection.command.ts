import { AuthUser } from '@xingfu/auth';
import { FileObjectionDto } from './file-objection.dto';

export class FileObjectionCommand {
  constructor(
    readonly noticeId: string,
    readonly input: FileObjectionDto,
    readonly user: AuthUser,
  ) {}
}
