import { Command, Plain } from '@xingfu/kit';
import type { RecordHomeVisitDto } from './record-home-visit.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class RecordHomeVisitCommand extends Command<{ applicationId: string } & Plain<RecordHomeVisitDto>> {}
