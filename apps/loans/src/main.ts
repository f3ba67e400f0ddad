import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { loansDatabase } from './loans.database';
import { LoansModule } from './loans.module';

void runHttpApp({ services: [loansDatabase], modules: [LoansModule], standalone: false }, 'xingfu loans');
