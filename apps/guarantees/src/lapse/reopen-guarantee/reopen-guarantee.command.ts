import { Command } from '@xingfu/kit';

export class ReopenGuaranteeCommand extends Command<{ guaranteeId: string }> {}
