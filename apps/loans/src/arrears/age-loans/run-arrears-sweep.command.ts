import { Command, Plain } from '@xingfu/kit';
import type { RunArrearsSweepDto } from './run-arrears-sweep.dto';

export class RunArrearsSweepCommand extends Command<Plain<RunArrearsSweepDto>> {}
