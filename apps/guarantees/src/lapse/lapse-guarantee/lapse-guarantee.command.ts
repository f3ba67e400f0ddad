import { Command } from '@xingfu/kit';

/** The sweep's: lapse one guarantee not effective by its deadline, on this business date. */
export class LapseGuaranteeCommand extends Command<{ guaranteeId: string; businessDate: string }> {}
