import { Command } from '@nestjs/cqrs';
import { AuthUser } from '@xingfu/auth';
import { UserViewDto } from '../shared/user-view.dto';
import { UpdateUserDto } from './update-user.dto';

export class UpdateUserCommand extends Command<UserViewDto> {
  constructor(
    readonly userId: string,
    readonly input: UpdateUserDto,
    readonly updatedBy: AuthUser,
  ) {
    super();
  }
}
