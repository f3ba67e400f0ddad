import { Command, Plain } from '@xingfu/kit';
import type { FileObjectionDto } from './file-objection.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class FileObjectionCommand extends Command<{ noticeId: string } & Plain<FileObjectionDto>> {}
