import { Command, Plain } from '@xingfu/kit';
import type { ApproveApplicationDto } from './approve-application.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class ApproveApplicationCommand extends Command<{ applicationId: string } & Plain<ApproveApplicationDto>> {}
