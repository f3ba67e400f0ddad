import { Command, Plain } from '@xingfu/kit';
import type { WriteOffDto } from './write-off.dto';

export class WriteOffCommand extends Command<{ loanId: string } & Plain<WriteOffDto>> {}
