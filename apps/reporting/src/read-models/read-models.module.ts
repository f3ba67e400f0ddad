import { Module } from '@nestjs/common';

const controllers: never[] = [];
const providers: never[] = [];

/** The facts and cells fed by events, the rebuild and the reconciliation. */
@Module({ controllers, providers })
export class ReadModelsModule {}
