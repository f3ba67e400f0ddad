import { Command, Plain } from '@xingfu/kit';
import type { RecordContributionDto } from './record-contribution.dto';

export class RecordContributionCommand extends Command<{ projectId: string } & Plain<RecordContributionDto>> {}
