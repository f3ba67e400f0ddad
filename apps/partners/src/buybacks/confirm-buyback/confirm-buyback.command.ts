import { Command } from '@xingfu/kit';

export class ConfirmBuybackCommand extends Command<{ buybackId: string }> {}
