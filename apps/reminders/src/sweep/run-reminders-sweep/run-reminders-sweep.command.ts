import { Command, Plain } from '@xingfu/kit';
import type { RunRemindersSweepDto } from './run-reminders-sweep.dto';

export class RunRemindersSweepCommand extends Command<Plain<RunRemindersSweepDto>> {}
