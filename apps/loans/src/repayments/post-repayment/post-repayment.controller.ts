import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx, RequireIdempotencyKey } from '@xingfu/kit';
import { LoanScope } from '../../shared/record-scopes';
import { PostedRepayment } from '../../shared/repayment-posting';
import { PostRepaymentCommand } from './post-repayment.command';
import { PostRepaymentDto } from './post-repayment.dto';

/**
 * Officers collect repayments (乡镇专干); the county project office takes the transfers and
 * guarantor payments that reach its account, so a project manager may post too.
 */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class PostRepaymentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/repayments')
  @RequireIdempotencyKey()
  @ScopedRecord('loan', LoanScope, 'officer', 'project_manager')
  @ApiOperation({
    summary: 'Post a repayment (Idempotency-Key required). Fee or interest first, then principal, oldest instalment first; an overpayment prepays the next. Emits RepaymentPosted, InstalmentPaid per instalment completed, and LoanRepaid when nothing is left.',
  })
  @ApiCreatedResponse({ description: 'The posting with its allocation per instalment, and the loan’s balances after it.' })
  @ApiBadRequestResponse({ description: 'validation_failed: no Idempotency-Key; a malformed body; paidOn in the future or before the disbursement; guarantorRole missing for a guarantor, or given for another source.' })
  @ApiNotFoundResponse({ description: 'No such loan in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the loan takes no repayments (not disbursed, repaid, written off); idempotency_key_in_use.' })
  @ApiUnprocessableEntityResponse({ description: 'overpayment: more than the whole outstanding balance (details: outstandingFen, amountFen); idempotency_key_reused: the key came with another body.' })
  post(@Param('id', ParseUUIDPipe) id: string, @Body() body: PostRepaymentDto, @Ctx() context: CommandContext): Promise<PostedRepayment> {
    return this.commands.execute(new PostRepaymentCommand({ loanId: id, ...body }, context));
  }
}
