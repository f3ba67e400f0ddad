import { Command, Plain } from '@xingfu/kit';
import type { SubmitApplicationDto } from './submit-application.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class SubmitApplicationCommand extends Command<Plain<SubmitApplicationDto>> {}
