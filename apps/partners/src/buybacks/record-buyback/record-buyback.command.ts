import { Command, Plain } from '@xingfu/kit';
import type { RecordBuybackDto } from './record-buyback.dto';

export class RecordBuybackCommand extends Command<{ enrolmentId: string } & Plain<RecordBuybackDto>> {}
