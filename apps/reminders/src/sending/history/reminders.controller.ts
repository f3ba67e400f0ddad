import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@xingfu/auth';
import { ListRemindersFilter } from './list-reminders.dto';
import { ReminderHistory } from './reminder-history';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly history: ReminderHistory) {}

  @Get()
  @ApiOperation({ summary: 'Reminders in your scope, newest due first: kind, due date, status, channel, when it was sent and what the gateway answered, the phone masked. Filter by loan, recipient role, status and due dates.' })
  @ApiOkResponse({ description: '{ items, limit, offset, total }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a bad loan id, role, status, date or page.' })
  list(@Query() filter: ListRemindersFilter, @CurrentUser() user: AuthUser) {
    return this.history.list(filter, user);
  }
}
