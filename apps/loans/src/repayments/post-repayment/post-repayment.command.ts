import { Command, Plain } from '@xingfu/kit';
import type { PostRepaymentDto } from './post-repayment.dto';

export class PostRepaymentCommand extends Command<{ loanId: string } & Plain<PostRepaymentDto>> {}
