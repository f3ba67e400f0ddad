import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { PARTY_ROLES } from '../../domain/guarantee-status';
import { GuaranteeScope } from '../../shared/record-scopes';
import { parseRole } from '../../shared/validators';
import { SignPartyCommand } from './sign-party.command';
import { SignPartyDto } from './sign-party.dto';

@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('guarantees')
export class SignPartyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/parties/:role/signature')
  @ScopedRecord('guarantee', GuaranteeScope, 'officer')
  @ApiParam({ name: 'role', enum: PARTY_ROLES })
  @ApiOperation({ summary: 'Record a party’s signature. Emits GuarantorSigned, and GuaranteeEffective on the third.' })
  @ApiCreatedResponse({ description: 'The guarantee, with each party.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a signing date in the future or before the guarantee opened; no office for the township or village.' })
  @ApiNotFoundResponse({ description: 'No such guarantee in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the party is not named, declined, or signed already (details: currentState, allowedSteps).' })
  sign(@Param('id', ParseUUIDPipe) id: string, @Param('role') role: string, @Body() body: SignPartyDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new SignPartyCommand({ guaranteeId: id, role: parseRole(role), ...body }, context));
  }
}
