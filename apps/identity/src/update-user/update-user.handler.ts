import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RevocationList } from '@xingfu/auth';
import { DomainError } from '@xingfu/common';
import { actingUser } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { UpdateUserCommand } from './update-user.command';

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  private readonly logger = new Logger('UpdateUser');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly revocations: RevocationList,
  ) {}

  async execute({ fields: { userId, ...input }, context }: UpdateUserCommand): Promise<UserViewDto> {
    const updatedBy = actingUser(context);
    if (userId === updatedBy.id && !input.active) {
      throw new DomainError('conflict', 'cannot_deactivate_self', 'An admin cannot deactivate their own account; ask another admin.', {});
    }
    return this.uow.run(context, async ({ manager }) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError('not_found', 'not_found', `user ${userId} was not found`, { id: userId });
      await manager.update(UserEntity, { id: userId }, { active: input.active });
      // Revoked before the commit: if the commit then fails, the user is locked out while still
      // active (a new login fixes it), never active on old tokens while marked inactive.
      // Reactivating revokes nothing and restores nothing: old tokens stay void.
      if (!input.active) {
        await this.revocations.revoke(userId);
        this.logger.log({ userId, by: updatedBy.id }, `user ${user.username} deactivated; their tokens are revoked`);
      }
      return toUserView({ ...user, active: input.active });
    });
  }
}
