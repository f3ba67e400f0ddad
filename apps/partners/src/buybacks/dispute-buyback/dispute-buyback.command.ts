import { Command, Plain } from '@xingfu/kit';
import type { DisputeBuybackDto } from './dispute-buyback.dto';

export class DisputeBuybackCommand extends Command<{ buybackId: string } & Plain<DisputeBuybackDto>> {}
