import { Module } from '@nestjs/common';
import { LoansSharedModule } from '../shared/loans-shared.module';
import { AgeLoansSweep } from './age-loans/age-loans.sweep';
import { LoanAgeing } from './age-loans/loan-ageing';
import { RunArrearsSweepController } from './age-loans/run-arrears-sweep.controller';
import { RunArrearsSweepHandler } from './age-loans/run-arrears-sweep.handler';
import { RecordGuaranteeInvoked } from './guarantee-events/record-guarantee-invoked.consumer';
import { PauseArrearsController } from './pause-arrears/pause-arrears.controller';
import { PauseArrearsHandler } from './pause-arrears/pause-arrears.handler';
import { RescheduleController } from './reschedule/reschedule.controller';
import { RescheduleHandler } from './reschedule/reschedule.handler';
import { WriteOffController } from './write-off/write-off.controller';
import { WriteOffHandler } from './write-off/write-off.handler';

const controllers = [RunArrearsSweepController, PauseArrearsController, RescheduleController, WriteOffController];
const commandHandlers = [RunArrearsSweepHandler, PauseArrearsHandler, RescheduleHandler, WriteOffHandler];
const queryHandlers: never[] = [];
const eventConsumers = [RecordGuaranteeInvoked];
/** The daily sweep and what it runs (also for the admin route). */
const jobs = [LoanAgeing, AgeLoansSweep];

/** Arrears on the business date (the daily sweep), pauses, reschedules and write-offs. */
@Module({
  imports: [LoansSharedModule],
  controllers,
  providers: [...commandHandlers, ...queryHandlers, ...eventConsumers, ...jobs],
})
export class ArrearsModule {}
