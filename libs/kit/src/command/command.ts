import { CommandContext } from '@xingfu/kernel';

/**
 * The base of every command: flat, plain fields (never the HTTP DTO, so a job or a consumer
 * can issue the same command) and the context it runs in.
 *
 *   export class RecordHomeVisitCommand extends Command<{ applicationId: string; visitedOn: string }> {}
 *   new RecordHomeVisitCommand({ applicationId, visitedOn }, context)
 */
export abstract class Command<P extends object> {
  readonly fields: Readonly<P>;

  constructor(
    fields: P,
    readonly context: CommandContext,
  ) {
    this.fields = Object.freeze({ ...fields });
  }
}

/** Queries carry their filters and the context too: scope checks read the actor from it. */
export abstract class Query<P extends object> extends Command<P> {}

/** The data of a request body as plain fields: what a command carries instead of the DTO class. */
export type Plain<T> = { readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };
