import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { DisburseLoanCommand } from './disburse-loan.command';
import { DisburseLoanDto } from './disburse-loan.dto';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class DisburseLoanController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/disbursement')
  @ScopedRecord('loan', LoanScope, 'project_manager')
  @ApiOperation({ summary: 'Pay a signed loan out from the project’s fund, in cash to her benefit card, in kind, or both; its schedule is generated. Emits LoanDisbursed and RepaymentScheduleCreated.' })
  @ApiCreatedResponse({ description: 'The loan, active, with its schedule.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a date in the future or before the agreement; parts that do not fit the loan’s mode or do not add up to the approved amount (the difference named); a bad card number; a card in another name.' })
  @ApiForbiddenResponse({ description: 'disburser_signed_agreement: the user who recorded the agreement may not disburse the loan.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the agreement is not signed, or the loan is paid out already; fund_insufficient: the fund is short (details: availableFen, requiredFen, shortfallFen); fund_not_open.' })
  disburse(@Param('id', ParseUUIDPipe) id: string, @Body() body: DisburseLoanDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new DisburseLoanCommand({ loanId: id, ...body }, context));
  }
}
