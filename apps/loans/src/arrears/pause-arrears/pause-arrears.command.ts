import { Command, Plain } from '@xingfu/kit';
import type { PauseArrearsDto } from './pause-arrears.dto';

export class PauseArrearsCommand extends Command<{ loanId: string } & Plain<PauseArrearsDto>> {}
