import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { PartnerScope } from '../../shared/record-scopes';
import { AddProgrammeCommand } from './add-programme.command';
import { AddProgrammeDto } from './add-programme.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class AddProgrammeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/programmes')
  @ScopedRecord('partner', PartnerScope, 'foundation', 'project_manager')
  @ApiOperation({ summary: 'The partner’s terms with one project: input, unit cost, who bears it, grow-out days, buyback price (market reference, floor), deduction rule.' })
  @ApiCreatedResponse({ description: 'The partner with its programmes.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a deduction when the fund bears the cost.' })
  @ApiNotFoundResponse({ description: 'No such partner in your scope.' })
  @ApiConflictResponse({ description: 'programme_exists: the partner has a programme with that project.' })
  add(@Param('id', ParseUUIDPipe) id: string, @Body() body: AddProgrammeDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new AddProgrammeCommand({ partnerId: id, ...body }, context));
  }
}
