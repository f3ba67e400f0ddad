import { Command, Plain } from '@xingfu/kit';
import type { PartyRole } from '../../domain/guarantee-status';
import type { DeclinePartyDto } from './decline-party.dto';

export class DeclinePartyCommand extends Command<{ guaranteeId: string; role: PartyRole } & Plain<DeclinePartyDto>> {}
