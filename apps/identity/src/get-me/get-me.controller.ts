import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@xingfu/auth';
import { UserViewDto } from '../shared/user-view.dto';
import { GetMeQuery } from './get-me.query';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users/me')
export class GetMeController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Your own profile: role, scopes and whether the account is active.' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
  @ApiNotFoundResponse({ description: 'The token names a user identity does not know.' })
  me(@CurrentUser() user: AuthUser): Promise<UserViewDto> {
    return this.queries.execute(new GetMeQuery(user));
  }
}
