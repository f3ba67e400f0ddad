import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { OpenPublicNoticeCommand } from './open-public-notice.command';
import { OpenPublicNoticeDto } from './open-public-notice.dto';

@ApiTags('public notices')
@ApiBearerAuth()
@Controller('public-notices')
export class OpenPublicNoticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('officer', 'project_manager')
  @ApiOperation({ summary: 'Post a village’s eligible applications publicly (公示); a delayed job closes the notice at the end of its last day. Emits PublicNoticeOpened.' })
  @ApiCreatedResponse({ description: '{ id, projectId, villageCode, townshipCode, startDate, days, endDate, status: "open", applicationIds }' })
  @ApiBadRequestResponse({ description: 'validation_failed: invalid fields; an application of another village; applications of several projects.' })
  @ApiForbiddenResponse({ description: 'Only officers and project managers open notices.' })
  @ApiNotFoundResponse({ description: 'An application that does not exist or is outside your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: an application is not eligible (details: applicationId, currentState, allowedSteps).' })
  open(@Body() body: OpenPublicNoticeDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new OpenPublicNoticeCommand({ ...body }, context));
  }
}
