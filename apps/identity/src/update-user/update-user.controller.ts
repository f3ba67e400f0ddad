import { Body, Controller, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { Ctx } from '@xingfu/kit';
import { CommandContext } from '@xingfu/kernel';
import { validationFailed } from '@xingfu/common';
import { isUuid } from '@xingfu/kernel';
import { UserViewDto } from '../shared/user-view.dto';
import { UpdateUserCommand } from './update-user.command';
import { UpdateUserDto } from './update-user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UpdateUserController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate (or reactivate) a user (admin only). Deactivation ends their tokens at once in every service.' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiNotFoundResponse({ description: '`not_found`: no such user.' })
  @ApiConflictResponse({ description: '`cannot_deactivate_self`: an admin may not deactivate their own account.' })
  update(@Param('id') id: string, @Body() body: UpdateUserDto, @Ctx() context: CommandContext): Promise<UserViewDto> {
    if (!isUuid(id)) throw validationFailed({ id: ['id must be a UUID'] });
    return this.commands.execute(new UpdateUserCommand({ userId: id, ...body }, context));
  }
}
