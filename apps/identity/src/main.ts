import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { identityDatabase } from './identity.database';
import { IdentityModule } from './identity.module';

void runHttpApp({ services: [identityDatabase], modules: [IdentityModule], standalone: false }, 'xingfu identity');
