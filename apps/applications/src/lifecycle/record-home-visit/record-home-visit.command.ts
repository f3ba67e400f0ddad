import { AuthUser } from '@xingfu/auth';
import { RecordHomeVisitDto } from './record-home-visit.dto';

export class RecordHomeVisitCommand {
  constructor(
    readonly applicationId: string,
    readonly input: RecordHomeVisitDto,
    readonly user: AuthUser,
  ) {}
}
