import { contractKey } from './event-contract';
import { EventEnvelope } from './envelope';

/** Turns an envelope of version N into version N+1 of the same type. */
export type Upcaster = (envelope: EventEnvelope) => EventEnvelope;

/** `Type@vN` → upcaster to N+1. Add one whenever a contract gets a new version. */
const UPCASTERS = new Map<string, Upcaster>();

export function registerUpcaster(type: string, fromVersion: number, upcaster: Upcaster): void {
  UPCASTERS.set(contractKey(type, fromVersion), upcaster);
}

/** Brings an envelope up to `targetVersion`, or returns undefined when no path exists. */
export function upcastTo(envelope: EventEnvelope, targetVersion: number): EventEnvelope | undefined {
  let current = envelope;
  while (current.version < targetVersion) {
    const step = UPCASTERS.get(contractKey(current.type, current.version));
    if (!step) return undefined;
    current = step(current);
  }
  return current.version === targetVersion ? current : undefined;
}
