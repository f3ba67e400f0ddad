import { Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { PublicNoticeScope } from '../../shared/record-scopes';
import { ClosePublicNoticeCommand } from './close-public-notice.command';

@ApiTags('public notices')
@ApiBearerAuth()
@Controller('public-notices')
export class ClosePublicNoticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @ScopedRecord('public notice', PublicNoticeScope, 'officer', 'project_manager')
  @ApiOperation({ summary: 'Close a public notice by hand, as the job does at the end of its last day; the applications still on it pass. Emits PublicNoticeClosed.' })
  @ApiCreatedResponse({ description: '{ id, status: "closed", closedBy: "manual", closedOn, passedApplicationIds }' })
  @ApiForbiddenResponse({ description: 'Only officers and project managers close notices.' })
  @ApiNotFoundResponse({ description: 'No such notice in your scope.' })
  @ApiConflictResponse({
    description: 'notice_not_ended (details: endDate, today); unresolved_objections (details: objectionIds); notice_closed (it was closed already).',
  })
  close(@Param('id', ParseUUIDPipe) id: string, @Ctx() context: CommandContext) {
    return this.commands.execute(new ClosePublicNoticeCommand({ noticeId: id, closedBy: 'manual' }, context));
  }
}
