import { Command, Plain } from '@xingfu/kit';
import type { DisburseLoanDto } from './disburse-loan.dto';

export class DisburseLoanCommand extends Command<{ loanId: string } & Plain<DisburseLoanDto>> {}
