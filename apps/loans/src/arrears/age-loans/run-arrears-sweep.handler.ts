import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { validationFailed } from '@xingfu/kernel';
import { AgeingCounts, LoanAgeing } from './loan-ageing';
import { RunArrearsSweepCommand } from './run-arrears-sweep.command';

/**
 * An admin runs the arrears sweep for one date (after a correction, or to age a date the
 * daily run has not reached). Not a unit of work of its own: the sweep commits page by page,
 * and a loan aged for the date already is skipped, so running it again is harmless.
 */
@CommandHandler(RunArrearsSweepCommand)
export class RunArrearsSweepHandler implements ICommandHandler<RunArrearsSweepCommand> {
  constructor(
    private readonly ageing: LoanAgeing,
    private readonly clock: Clock,
  ) {}

  execute({ fields: { asOf } }: RunArrearsSweepCommand): Promise<AgeingCounts> {
    const today = this.clock.today();
    if (asOf > today) throw validationFailed({ asOf: [`asOf must not be after today’s business date ${today}`] });
    return this.ageing.run(asOf);
  }
}
