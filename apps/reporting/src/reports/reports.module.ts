import { Module } from '@nestjs/common';

const controllers: never[] = [];
const providers: never[] = [];

/** The report routes and their exports. */
@Module({ controllers, providers })
export class ReportsModule {}
