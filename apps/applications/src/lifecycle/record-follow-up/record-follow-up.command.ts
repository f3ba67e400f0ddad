import { Command, Plain } from '@xingfu/kit';
import type { RecordFollowUpDto } from './record-follow-up.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class RecordFollowUpCommand extends Command<{ applicationId: string } & Plain<RecordFollowUpDto>> {}
