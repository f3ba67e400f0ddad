import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { guaranteesDatabase } from './guarantees.database';
import { GuaranteesModule } from './guarantees.module';

void runHttpApp({ services: [guaranteesDatabase], modules: [GuaranteesModule], standalone: false }, 'xingfu guarantees');
