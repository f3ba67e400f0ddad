import { Command, Plain } from '@xingfu/kit';
import type { ChangeProjectPolicyDto } from './change-project-policy.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class ChangeProjectPolicyCommand extends Command<{ projectId: string } & Plain<ChangeProjectPolicyDto>> {}
