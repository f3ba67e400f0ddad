import { Injectable } from '@nestjs/common';
import { ALL_EVENT_CONTRACTS, contractKey, EventContract, ServiceName } from '@xingfu/contracts';

const registered = () => new Map(ALL_EVENT_CONTRACTS.map((c) => [contractKey(c.type, c.version), c]));

/**
 * The write-time side of the start-up check: the writer asks this before every append. A
 * contract must be registered, and a service that declared what it produces appends only that.
 */
@Injectable()
export class DeclaredProducers {
  private readonly declared = new Map<ServiceName, Set<string>>();
  private readonly registry = registered();

  declare(service: ServiceName, contracts: readonly EventContract[]): void {
    const keys = this.declared.get(service) ?? new Set<string>();
    for (const c of contracts) keys.add(contractKey(c.type, c.version));
    this.declared.set(service, keys);
  }

  /** Why this contract may not be appended, or undefined. */
  refusal(contract: EventContract): string | undefined {
    const name = `${contract.type} v${contract.version}`;
    if (this.registry.get(contractKey(contract.type, contract.version))?.producer !== contract.producer) return `${name} has no contract in libs/contracts/src/registry.ts`;
    const keys = this.declared.get(contract.producer);
    if (keys && !keys.has(contractKey(contract.type, contract.version))) {
      return `${contract.producer} does not declare ${name} among the events it produces (MessagingModule.forFeature)`;
    }
    return undefined;
  }
}
