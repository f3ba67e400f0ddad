import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { applicationsDatabase } from './applications.database';
import { ApplicationsModule } from './applications.module';

void runHttpApp({ services: [applicationsDatabase], modules: [ApplicationsModule], standalone: false }, 'xingfu applications');
