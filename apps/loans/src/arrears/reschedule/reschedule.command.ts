import { Command } from '@xingfu/kit';

export class RescheduleCommand extends Command<{ loanId: string; instalments: { dueDate: string; amountFen: number }[]; reason: string }> {}
