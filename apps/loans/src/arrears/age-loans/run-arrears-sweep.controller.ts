import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { AgeingCounts } from './loan-ageing';
import { RunArrearsSweepCommand } from './run-arrears-sweep.command';
import { RunArrearsSweepDto } from './run-arrears-sweep.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/sweeps')
export class RunArrearsSweepController {
  constructor(private readonly commands: CommandBus) {}

  @Post('arrears')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Run the arrears sweep for one business date (not after today): ages the loans whose state changes on it (an instalment entering a bucket, a default, a subsidy being lost), emits InstalmentOverdue and LoanDefaulted. A loan aged for the date already is skipped, so a second run emits nothing. Days past due are computed when a loan is read, not stored daily.',
  })
  @ApiOkResponse({ description: 'The counts: asOf, loansAged (loans whose state changed), bucketsEntered, loansDefaulted, loansCleared, batches.' })
  @ApiBadRequestResponse({ description: 'validation_failed: asOf is not a date, or after today.' })
  run(@Body() body: RunArrearsSweepDto, @Ctx() context: CommandContext): Promise<AgeingCounts> {
    return this.commands.execute(new RunArrearsSweepCommand({ ...body }, context));
  }
}
