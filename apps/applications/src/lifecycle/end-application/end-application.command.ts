import { Command } from '@xingfu/kit';

/** Ends an open application by a decision (rejection) or by the mother (withdrawal). */
export class EndApplicationCommand extends Command<{ applicationId: string; step: 'rejection' | 'withdrawal'; reason: string }> {}
