import { ServiceName } from './services';

export type PayloadClass<P extends object = object> = new () => P;

/** One integration event type at one version, owned by the service that produces it. */
export interface EventContract<P extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly producer: ServiceName;
  readonly payload: PayloadClass<P>;
  readonly description: string;
}

export function defineEvent<P extends object>(contract: EventContract<P>): EventContract<P> {
  return Object.freeze(contract);
}

export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;

export function contractKey(type: string, version: number): string {
  return `${type}@v${version}`;
}
