import { Command } from '@xingfu/kit';

export class AcceptEnrolmentCommand extends Command<{ enrolmentId: string }> {}
