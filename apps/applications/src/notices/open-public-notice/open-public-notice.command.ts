import { Command, Plain } from '@xingfu/kit';
import type { OpenPublicNoticeDto } from './open-public-notice.dto';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class OpenPublicNoticeCommand extends Command<Plain<OpenPublicNoticeDto>> {}
