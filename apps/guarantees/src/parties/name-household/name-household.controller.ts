import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { GuaranteeScope } from '../../shared/record-scopes';
import { NameHouseholdCommand } from './name-household.command';
import { NameHouseholdDto } from './name-household.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees')
export class NameHouseholdController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/parties/household')
  @ScopedRecord('guarantee', GuaranteeScope, 'officer')
  @ApiOperation({ summary: 'Name (or replace) the guarantor household (户). Emits GuarantorReplaced when it replaces one.' })
  @ApiOkResponse({ description: 'The guarantee, with each party.' })
  @ApiBadRequestResponse({ description: 'validation_failed; own_household: the mother’s own household (her ID number, or a head related as self or spouse).' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope.' })
  @ApiConflictResponse({ description: 'household_limit (details: limit, guarantees it stands behind, masked); illegal_step (details: currentState, allowedSteps).' })
  name(@Param('id', ParseUUIDPipe) id: string, @Body() body: NameHouseholdDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new NameHouseholdCommand({ guaranteeId: id, ...body }, context));
  }
}
