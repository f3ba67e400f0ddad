import { Command } from '@nestjs/cqrs';
import { AuthUser } from '@xingfu/auth';
import { UserViewDto } from '../shared/user-view.dto';
import { CreateUserDto } from './create-user.dto';

export class CreateUserCommand extends Command<UserViewDto> {
  constructor(
    readonly input: CreateUserDto,
    readonly createdBy: AuthUser,
  ) {
    super();
  }
}
