import { Module } from '@nestjs/common';

const controllers: never[] = [];
const providers: never[] = [];

/** The dashboard page and its assets. */
@Module({ controllers, providers })
export class DashboardModule {}
