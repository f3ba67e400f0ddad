import { Command, Plain } from '@xingfu/kit';
import type { NameHouseholdDto } from './name-household.dto';

export class NameHouseholdCommand extends Command<{ guaranteeId: string } & Plain<NameHouseholdDto>> {}
