import { Module } from '@nestjs/common';
import { ApplicationsSharedModule } from '../shared/applications-shared.module';
import { CloseEndedNoticesSweep } from './close-public-notice/close-ended-notices.sweep';
import { ClosePublicNoticeController } from './close-public-notice/close-public-notice.controller';
import { ClosePublicNoticeHandler } from './close-public-notice/close-public-notice.handler';
import { ClosePublicNoticeJob } from './close-public-notice/close-public-notice.job';
import { NoticeCloser } from './close-public-notice/notice-closer';
import { ScheduleCloseWhenNoticeOpened } from './close-public-notice/schedule-close-when-notice-opened.consumer';
import { FileObjectionController } from './file-objection/file-objection.controller';
import { FileObjectionHandler } from './file-objection/file-objection.handler';
import { GetPublicNoticeController } from './get-public-notice/get-public-notice.controller';
import { GetPublicNoticeHandler } from './get-public-notice/get-public-notice.handler';
import { OpenPublicNoticeController } from './open-public-notice/open-public-notice.controller';
import { OpenPublicNoticeHandler } from './open-public-notice/open-public-notice.handler';
import { ResolveObjectionController } from './resolve-objection/resolve-objection.controller';
import { ResolveObjectionHandler } from './resolve-objection/resolve-objection.handler';

const controllers = [OpenPublicNoticeController, GetPublicNoticeController, ClosePublicNoticeController, FileObjectionController, ResolveObjectionController];
const commandHandlers = [OpenPublicNoticeHandler, ClosePublicNoticeHandler, FileObjectionHandler, ResolveObjectionHandler];
const queryHandlers = [GetPublicNoticeHandler];
const eventConsumers = [ScheduleCloseWhenNoticeOpened];
/** The delayed job that ends a notice at the end of its last day, and the daily sweep that closes whatever it missed. */
const jobs = [ClosePublicNoticeJob, CloseEndedNoticesSweep];

/** Village public notices (公示), objections to them, and the job and daily sweep that end each notice. */
@Module({ imports: [ApplicationsSharedModule], controllers, providers: [...commandHandlers, ...queryHandlers, NoticeCloser, ...eventConsumers, ...jobs] })
export class NoticesModule {}
