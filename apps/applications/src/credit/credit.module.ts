import { Module } from '@nestjs/common';
import { ApplicationsSharedModule } from '../shared/applications-shared.module';
import { AssessCreditController } from './assess-credit/assess-credit.controller';
import { AssessCreditHandler } from './assess-credit/assess-credit.handler';

const controllers = [AssessCreditController];
const commandHandlers = [AssessCreditHandler];

/** Credit assessment (诚信): score, grade, amount ceiling. */
@Module({ imports: [ApplicationsSharedModule], controllers, providers: [...commandHandlers] })
export class CreditModule {}
