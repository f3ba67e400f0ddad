import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
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
import { ScopedRecord } from '@xingfu/auth';
import { PublicNoticeScope } from '../../shared/record-scopes';
import { FileObjectionCommand } from './file-objection.command';
import { FileObjectionDto } from './file-objection.dto';

@ApiTags('public notices')
@ApiBearerAuth()
@Controller('public-notices')
export class FileObjectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/objections')
  @ScopedRecord('public notice', PublicNoticeScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Record an objection to an application on an open notice (the objector may stay anonymous). Emits ObjectionFiled.' })
  @ApiCreatedResponse({ description: '{ id, noticeId, applicationId, objector, anonymous, reason, status: "open" }' })
  @ApiBadRequestResponse({ description: 'validation_failed: invalid fields (an empty reason, say).' })
  @ApiForbiddenResponse({ description: 'Only officers and project managers record objections.' })
  @ApiNotFoundResponse({ description: 'No such notice in your scope.' })
  @ApiConflictResponse({ description: 'notice_closed; not_on_notice (the application is not on this notice); illegal_step (the application is no longer in_notice).' })
  file(@Param('id', ParseUUIDPipe) id: string, @Body() body: FileObjectionDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new FileObjectionCommand({ noticeId: id, ...body }, context));
  }
}
