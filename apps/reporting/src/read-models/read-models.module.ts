import { Module } from '@nestjs/common';
import { ApplicationFactsStore } from './applications/application-facts.store';
import { LoanFactsStore } from './loans/loan-facts.store';
import { readModelConsumers } from './read-model-consumers';
import { ReadModelRebuild } from './rebuild/read-model-rebuild';
import { ReadModelReplay } from './rebuild/read-model-replay';

const controllers: never[] = [];
const stores = [ApplicationFactsStore, LoanFactsStore];
const eventConsumers = readModelConsumers;
const rebuild = [ReadModelReplay, ReadModelRebuild];

/** The facts and cells fed by events, the rebuild and the reconciliation. */
@Module({ controllers, providers: [...stores, ...eventConsumers, ...rebuild], exports: [...stores, ...rebuild] })
export class ReadModelsModule {}
