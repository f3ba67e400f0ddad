import { Command } from '@xingfu/kit';

/** The sweep's: flag one enrolment whose partner has not come back to buy, on this business date. */
export class FlagBuybackOverdueCommand extends Command<{ enrolmentId: string; businessDate: string }> {}
