import { Command, Plain } from '@xingfu/kit';
import type { RegisterPartnerDto } from './register-partner.dto';

export class RegisterPartnerCommand extends Command<Plain<RegisterPartnerDto>> {}
