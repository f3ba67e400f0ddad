import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { GuaranteeScope } from '../../shared/record-scopes';
import { parseRole } from '../../shared/validators';
import { ReplacePartyCommand } from './replace-party.command';
import { ReplacePartyDto } from './replace-party.dto';

/** The household has its own route (PUT …/parties/household, registered before this one). */
@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees')
export class ReplacePartyController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/parties/:role')
  @ScopedRecord('guarantee', GuaranteeScope, 'officer')
  @ApiParam({ name: 'role', enum: ['township', 'village'] })
  @ApiOperation({ summary: 'Replace the township or village party (one that declined, or has not signed). Emits GuarantorReplaced.' })
  @ApiOkResponse({ description: 'The guarantee, with each party.' })
  @ApiBadRequestResponse({ description: 'validation_failed (a role other than township or village).' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the party signed, or the guarantee is not open (details: currentState, allowedSteps).' })
  replace(@Param('id', ParseUUIDPipe) id: string, @Param('role') role: string, @Body() body: ReplacePartyDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new ReplacePartyCommand({ guaranteeId: id, role: parseRole(role, ['township', 'village']), ...body }, context));
  }
}
