import { Command, Plain } from '@xingfu/kit';
import type { PartyRole } from '../../domain/guarantee-status';
import type { SignPartyDto } from './sign-party.dto';

export class SignPartyCommand extends Command<{ guaranteeId: string; role: PartyRole } & Plain<SignPartyDto>> {}
