import { Module } from '@nestjs/common';

const controllers: never[] = [];
const eventConsumers: never[] = [];

/** The read model, fed by events each consumed once through the inbox. */
@Module({ controllers, providers: [...eventConsumers] })
export class ReadModelModule {}
