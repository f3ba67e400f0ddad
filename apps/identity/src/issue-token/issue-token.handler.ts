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
import { LoginThrottle } from './login-throttle';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute({ username: given, password, address }: IssueTokenCommand): Promise<IssuedTokenDto> {
    const username = normalizeUsername(given);
    await this.throttle.admit(username, address);
    const user = await this.users.findOneBy({ username });
    // Always one scrypt check, against a dummy hash for unknown names, and the same answer
    // for every failure: neither the body nor the timing tells which usernames exist.
    const matches = user ? await this.hasher.verify(password, user.passwordHash) : await this.hasher.verifyDummy(password);
    if (!user || !matches || !user.active) {
      await this.throttle.failed(username, address);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(username);

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
