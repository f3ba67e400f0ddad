import { Command, Plain } from '@xingfu/kit';
import type { ResolveObjectionDto } from './resolve-objection.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class ResolveObjectionCommand extends Command<{ objectionId: string } & Plain<ResolveObjectionDto>> {}
