import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { remindersDatabase } from './reminders.database';
import { RemindersModule } from './reminders.module';

void runHttpApp({ services: [remindersDatabase], modules: [RemindersModule], standalone: false }, 'xingfu reminders');
