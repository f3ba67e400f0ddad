import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { RevocationList } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
import { Repository } from 'typeorm';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { UpdateUserCommand } from './update-user.command';

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  private readonly logger = new Logger('UpdateUser');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly revocations: RevocationList,
  ) {}

  async execute({ userId, input, updatedBy }: UpdateUserCommand): Promise<UserViewDto> {
    if (userId === updatedBy.id && !input.active) {
      throw new DomainError('conflict', 'cannot_deactivate_self', 'An admin cannot deactivate their own account; ask another admin.', {});
    }
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new DomainError('not_found', 'not_found', `user ${userId} was not found`, { id: userId });
    await this.users.update({ id: userId }, { active: input.active });
    // After the commit: a token checked from now on is void. Reactivating revokes nothing
    // and restores nothing: the old tokens stay void, a new login gets a new one.
    if (!input.active) {
      await this.revocations.revoke(userId);
      this.logger.log({ userId, by: updatedBy.id }, `user ${user.username} deactivated; their tokens are revoked`);
    }
    return toUserView({ ...user, active: input.active });
  }
}
