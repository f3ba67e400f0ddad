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
import { ObjectionScope } from '../../shared/record-scopes';
import { ResolveObjectionCommand } from './resolve-objection.command';
import { ResolveObjectionDto } from './resolve-objection.dto';

@ApiTags('public notices')
@ApiBearerAuth()
@Controller('objections')
export class ResolveObjectionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resolution')
  @ScopedRecord('objection', ObjectionScope, 'officer', 'project_manager')
  @ApiOperation({
    summary:
      'Uphold an objection (the application is rejected with its reason) or dismiss it. Closes the notice when its end has passed and this was the last open objection. Emits ObjectionResolved (and ApplicationRejected when upheld).',
  })
  @ApiCreatedResponse({ description: '{ id, noticeId, applicationId, outcome, note, applicationStatus, noticeClosed, passedApplicationIds }' })
  @ApiBadRequestResponse({ description: 'validation_failed: outcome is not upheld or dismissed; the note is missing.' })
  @ApiForbiddenResponse({ description: 'Only officers and project managers resolve objections.' })
  @ApiNotFoundResponse({ description: 'No such objection in your scope.' })
  @ApiConflictResponse({ description: 'objection_resolved: it was resolved already; illegal_step: upheld, but the application is no longer on the notice.' })
  resolve(@Param('id', ParseUUIDPipe) id: string, @Body() body: ResolveObjectionDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ResolveObjectionCommand({ objectionId: id, ...body }, context));
  }
}
