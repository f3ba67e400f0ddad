import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { UserViewDto } from '../shared/user-view.dto';
import { ListUsersQuery } from './list-users.query';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class ListUsersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'All users, by username (admin only).' })
  @ApiOkResponse({ type: [UserViewDto] })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin.' })
  list(): Promise<UserViewDto[]> {
    return this.queries.execute(new ListUsersQuery());
  }
}
