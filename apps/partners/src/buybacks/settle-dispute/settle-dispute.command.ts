import { Command, Plain } from '@xingfu/kit';
import type { SettleDisputeDto } from './settle-dispute.dto';

export class SettleDisputeCommand extends Command<{ buybackId: string } & Plain<SettleDisputeDto>> {}
