import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { reportingDatabase } from './reporting.database';
import { ReportingModule } from './reporting.module';

void runHttpApp({ services: [reportingDatabase], modules: [ReportingModule], standalone: false }, 'xingfu reporting');
