import { UnauthorizedException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthUser, Role, TokenService } from '@xingfu/auth';
import { AppConfig } from '@xingfu/common';
import { Repository } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher';
import { UserEntity } from '../shared/user.entity';
import { normalizeUsername } from '../users/domain/user-rules';
import { IssuedTokenDto } from './issue-token.dto';
import { IssueTokenCommand } from './issue-token.command';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  async execute({ username, password }: IssueTokenCommand): Promise<IssuedTokenDto> {
    const user = await this.users.findOneBy({ username: normalizeUsername(username) });
    // Always one scrypt check, against a dummy hash for unknown names, and the same answer
    // for every failure: neither the body nor the timing tells which usernames exist.
    const matches = user ? await this.hasher.verify(password, user.passwordHash) : await this.hasher.verifyDummy(password);
    if (!user || !matches || !user.active) throw invalidCredentials();

    const authUser: AuthUser = {
      id: user.id,
      username: user.username,
      role: user.role as Role,
      townships: user.townships,
      counties: user.counties,
      partnerId: user.partnerId,
    };
    return { accessToken: await this.tokens.issue(authUser), expiresIn: this.config.JWT_TTL_SECONDS };
  }
}

function invalidCredentials(): UnauthorizedException {
  return new UnauthorizedException({ code: 'invalid_credentials', message: 'The username or password is wrong.', details: {} });
}
