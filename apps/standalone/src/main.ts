import 'reflect-metadata';
import { runHttpApp } from '@xingfu/platform';
import { standaloneOptions } from './services';

void runHttpApp(standaloneOptions(), 'xingfu standalone');
