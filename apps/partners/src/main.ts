import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { partnersDatabase } from './partners.database';
import { PartnersModule } from './partners.module';

void runHttpApp({ services: [partnersDatabase], modules: [PartnersModule], standalone: false }, 'xingfu partners');
