import { contractKey, EventContract, ServiceName } from '@xingfu/contracts';

export interface BackboneLayout {
  /** The services this process hosts (their schemas are migrated here). */
  hosted: readonly ServiceName[];
  /** Every registered contract (libs/contracts/src/registry.ts). */
  registry: readonly EventContract[];
  /** What each service's module declares it appends. */
  producers: readonly { service: ServiceName; contracts: readonly EventContract[] }[];
  /** The consumers found, by class name. */
  consumers: readonly { className: string; service: ServiceName; name: string; events: readonly EventContract[] }[];
  /** The services this process runs a relay for. */
  relays: readonly ServiceName[];
}

/** Thrown at start-up: every problem in one message, each naming what is wrong. */
export class BackboneConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the event backbone cannot start:\n- ${problems.join('\n- ')}`);
    this.name = 'BackboneConfigurationError';
  }
}

/** What keeps the backbone from starting safely; empty when it may start. */
export function backboneProblems(layout: BackboneLayout): string[] {
  const problems: string[] = [];
  const registered = new Map(layout.registry.map((c) => [contractKey(c.type, c.version), c]));
  const isRegistered = (c: EventContract) => registered.get(contractKey(c.type, c.version)) !== undefined;

  for (const { service, contracts } of layout.producers) {
    for (const contract of contracts) {
      const name = `${contract.type} v${contract.version}`;
      if (!isRegistered(contract)) problems.push(`${service} appends ${name}, which has no contract in libs/contracts/src/registry.ts`);
      else if (contract.producer !== service) problems.push(`${service} appends ${name}, whose contract says ${contract.producer} produces it`);
    }
    if (contracts.length && !layout.relays.includes(service)) {
      problems.push(
        layout.hosted.includes(service)
          ? `${service} produces events but has no relay in this process`
          : `${service} produces events but is not hosted by this process, so no relay publishes its outbox`,
      );
    }
  }

  const byKey = new Map<string, string[]>();
  for (const consumer of layout.consumers) {
    const key = `${consumer.service}.${consumer.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), consumer.className]);
    for (const contract of consumer.events) {
      if (!isRegistered(contract)) problems.push(`consumer ${key} (${consumer.className}) accepts ${contract.type} v${contract.version}, which has no contract in libs/contracts/src/registry.ts`);
    }
  }
  for (const [key, classes] of byKey) {
    if (classes.length > 1) problems.push(`${classes.length} consumers are named ${key}: ${classes.join(', ')}`);
  }
  return problems;
}
