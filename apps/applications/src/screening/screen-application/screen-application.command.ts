import { Command } from '@xingfu/kit';

/** Flat fields (the request's, as plain data) and the context; a job or a test builds it the same way. */
export class ScreenApplicationCommand extends Command<{ applicationId: string }> {}
