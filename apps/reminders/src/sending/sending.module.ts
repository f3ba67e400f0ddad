import { Module } from '@nestjs/common';

const controllers: never[] = [];
const jobs: never[] = [];

/** The daily sweep, the send job, the channels, the history and the tasks. */
@Module({ controllers, providers: [...jobs] })
export class SendingModule {}
