import { Command, Plain } from '@xingfu/kit';
import type { PartyRole } from '../../domain/guarantee-status';
import type { ReplacePartyDto } from './replace-party.dto';

export class ReplacePartyCommand extends Command<{ guaranteeId: string; role: PartyRole } & Plain<ReplacePartyDto>> {}
