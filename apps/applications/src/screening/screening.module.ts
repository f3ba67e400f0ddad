import { Module } from '@nestjs/common';
import { ApplicationsSharedModule } from '../shared/applications-shared.module';
import { ScreenApplicationController } from './screen-application/screen-application.controller';
import { ScreenApplicationHandler } from './screen-application/screen-application.handler';

const controllers = [ScreenApplicationController];
const commandHandlers = [ScreenApplicationHandler];

/** Eligibility screening against the project's aid standard (选准对象). */
@Module({ imports: [ApplicationsSharedModule], controllers, providers: [...commandHandlers] })
export class ScreeningModule {}
