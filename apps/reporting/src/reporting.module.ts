import { Module } from '@nestjs/common';
import { ApplicationsByTownshipController } from './applications-by-township/applications-by-township.controller';
import { CountApplicationWhenSubmitted } from './applications-by-township/count-application-when-submitted.consumer';

const controllers = [ApplicationsByTownshipController];
const eventConsumers = [CountApplicationWhenSubmitted];

@Module({ controllers, providers: [...eventConsumers] })
export class ReportingModule {}
