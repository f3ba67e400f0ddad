import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { SignAgreementCommand } from './sign-agreement.command';
import { SignAgreementDto } from './sign-agreement.dto';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class SignAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/agreement')
  @ScopedRecord('loan', LoanScope, 'officer')
  @ApiOperation({ summary: 'Record the signed loan agreement (借款协议). Emits LoanAgreementSigned.' })
  @ApiCreatedResponse({ description: 'The loan.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a signing date in the future or before the guarantee took effect.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the guarantee is not effective yet, or the agreement is signed already (details: currentState, allowedSteps).' })
  sign(@Param('id', ParseUUIDPipe) id: string, @Body() body: SignAgreementDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new SignAgreementCommand({ loanId: id, ...body }, context));
  }
}
