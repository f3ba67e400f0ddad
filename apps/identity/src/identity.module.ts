import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KitModule } from '@xingfu/kit';
import { CreateUserController } from './create-user/create-user.controller';
import { CreateUserHandler } from './create-user/create-user.handler';
import { FirstAdminBootstrap } from './first-admin/first-admin.bootstrap';
import { GetMeController } from './get-me/get-me.controller';
import { GetMeHandler } from './get-me/get-me.handler';
import { IssueTokenController } from './issue-token/issue-token.controller';
import { IssueTokenHandler } from './issue-token/issue-token.handler';
import { LoginThrottle } from './issue-token/login-throttle';
import { ListUsersController } from './list-users/list-users.controller';
import { ListUsersHandler } from './list-users/list-users.handler';
import { PasswordHasher } from './passwords/password-hasher';
import { UserEntity } from './shared/user.entity';
import { UpdateUserController } from './update-user/update-user.controller';
import { UpdateUserHandler } from './update-user/update-user.handler';

const controllers = [IssueTokenController, CreateUserController, GetMeController, ListUsersController, UpdateUserController];
const commandHandlers = [IssueTokenHandler, CreateUserHandler, UpdateUserHandler];
const queryHandlers = [ListUsersHandler, GetMeHandler];

/** Users, their roles and scopes, and the tokens every other service trusts. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), KitModule.forService('identity')],
  controllers,
  providers: [
    ...commandHandlers,
    ...queryHandlers,
    // A plain class (no Nest in the hashing rules), provided as a single instance.
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    FirstAdminBootstrap,
    LoginThrottle,
  ],
})
export class IdentityModule {}
