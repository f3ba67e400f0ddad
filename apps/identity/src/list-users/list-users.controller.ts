import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { ApiErrorDto } from '../shared/api-error.dto';
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
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'No valid bearer token.' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The caller is not an admin.' })
  list(): Promise<UserViewDto[]> {
    return this.queries.execute(new ListUsersQuery());
  }
}
