import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { assertNoProblems, DomainError } from '@xingfu/common';
import { Repository } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher';
import { UserEntity } from '../shared/user.entity';
import { toUserView, UserViewDto } from '../shared/user-view.dto';
import { isUuid } from '@xingfu/kernel';
import { normalizeCodes, normalizeUsername, userScopeProblems } from '../users/domain/user-rules';
import { CreateUserCommand } from './create-user.command';

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute({ input, createdBy }: CreateUserCommand): Promise<UserViewDto> {
    const problems = userScopeProblems(input);
    assertNoProblems(problems, Object.values(problems)[0]?.[0]);
    const username = normalizeUsername(input.username);
    const passwordHash = await this.hasher.hash(input.password);
    // ON CONFLICT rather than look-then-insert: two admins creating the same name at once
    // get one user and one 409, never a 500 from the unique index.
    const inserted: { id: string }[] = await this.users.query(
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
    return toUserView(await this.users.findOneByOrFail({ id: inserted[0].id }));
  }
}
