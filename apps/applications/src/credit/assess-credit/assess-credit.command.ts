import { Command, Plain } from '@xingfu/kit';
import type { AssessCreditDto } from './assess-credit.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class AssessCreditCommand extends Command<{ applicationId: string } & Plain<AssessCreditDto>> {}
