import { Command, Plain } from '@xingfu/kit';
import type { AddProgrammeDto } from './add-programme.dto';

export class AddProgrammeCommand extends Command<{ partnerId: string } & Plain<AddProgrammeDto>> {}
