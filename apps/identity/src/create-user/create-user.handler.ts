import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertNoProblems, DomainError } from '@xingfu/common';
import { UnitOfWork } from '@xingfu/kit';
import { PasswordHasher } from '../passwords/password-hasher';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { actingUser, isUuid } from '@xingfu/kernel';
import { normalizeCodes, normalizeUsername, userScopeProblems } from '../users/domain/user-rules';
import { CreateUserCommand } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ fields: input, context }: CreateUserCommand): Promise<UserViewDto> {
    const createdBy = actingUser(context);
    const problems = userScopeProblems(input);
    assertNoProblems(problems, Object.values(problems)[0]?.[0]);
    const username = normalizeUsername(input.username);
    const passwordHash = await this.hasher.hash(input.password);
    // ON CONFLICT rather than look-then-insert: two admins creating the same name at once
    // get one user and one 409, never a 500 from the unique index.
    return this.uow.run(context, async ({ manager }) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO identity.users (username, password_hash, role, townships, counties, partner_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (username) DO NOTHING
         RETURNING id`,
        [
          username,
          passwordHash,
          input.role,
          normalizeCodes(input.townships),
          normalizeCodes(input.counties),
          input.partnerId?.trim() || null,
          isUuid(createdBy.id) ? createdBy.id : null,
        ],
      );
      if (!inserted.length) {
        throw new DomainError('conflict', 'username_taken', `The username "${username}" is already taken.`, { username });
      }
      return toUserView(await manager.findOneByOrFail(UserEntity, { id: inserted[0].id }));
    });
  }
}
