import { Command, Plain } from '@xingfu/kit';
import type { SignAgreementDto } from './sign-agreement.dto';

export class SignAgreementCommand extends Command<{ loanId: string } & Plain<SignAgreementDto>> {}
