import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { PARTY_ROLES } from '../../domain/guarantee-status';
import { GuaranteeScope } from '../../shared/record-scopes';
import { parseRole } from '../../shared/validators';
import { DeclinePartyCommand } from './decline-party.command';
import { DeclinePartyDto } from './decline-party.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees')
export class DeclinePartyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/parties/:role/decline')
  @ScopedRecord('guarantee', GuaranteeScope, 'officer')
  @ApiParam({ name: 'role', enum: PARTY_ROLES })
  @ApiOperation({ summary: 'Record that a party declines to sign; it must be replaced (PUT …/parties/:role) before the guarantee can take effect. Emits GuarantorDeclined.' })
  @ApiCreatedResponse({ description: 'The guarantee, with each party.' })
  @ApiBadRequestResponse({ description: 'validation_failed.' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step (details: currentState, allowedSteps).' })
  decline(@Param('id', ParseUUIDPipe) id: string, @Param('role') role: string, @Body() body: DeclinePartyDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new DeclinePartyCommand({ guaranteeId: id, role: parseRole(role), ...body }, context));
  }
}
