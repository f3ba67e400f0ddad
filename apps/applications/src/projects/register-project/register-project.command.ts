import { Command, Plain } from '@xingfu/kit';
import type { RegisterProjectDto } from './register-project.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class RegisterProjectCommand extends Command<Plain<RegisterProjectDto>> {}
