import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { Ctx } from '@xingfu/kit';
import { CommandContext } from '@xingfu/kernel';
import { UserViewDto } from '../shared/user-view.dto';
import { CreateUserCommand } from './create-user.command';
import { CreateUserDto } from './create-user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class CreateUserController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user with a role and the scope it works in (admin only).' })
  @ApiCreatedResponse({ type: UserViewDto, description: 'Created; the password hash is never returned.' })
  @ApiBadRequestResponse({ description: '`validation_failed`: invalid fields, or the role lacks its scope (officer: townships, project manager: counties, partner: partnerId).' })
  @ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin.' })
  @ApiConflictResponse({ description: '`username_taken`: the username exists (case-insensitively).' })
  create(@Body() body: CreateUserDto, @Ctx() context: CommandContext): Promise<UserViewDto> {
    return this.commands.execute(new CreateUserCommand({ ...body }, context));
  }
}
