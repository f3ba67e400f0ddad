import { Command, Plain } from '@xingfu/kit';
import type { DeliverInputsDto } from './deliver-inputs.dto';

export class DeliverInputsCommand extends Command<{ enrolmentId: string } & Plain<DeliverInputsDto>> {}
