import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventContract } from './event-contract';

export interface PayloadViolation {
  path: string;
  messages: string[];
}

/** Checks a payload against its contract class, as strictly as the AsyncAPI schema does. */
export function payloadViolations(contract: EventContract, payload: unknown): PayloadViolation[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return [{ path: '', messages: ['payload must be an object'] }];
  }
  const instance = plainToInstance(contract.payload, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return flatten(errors, '');
}

function flatten(errors: ValidationError[], prefix: string): PayloadViolation[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

export class ContractViolationError extends Error {
  constructor(
    readonly contract: EventContract,
    readonly violations: PayloadViolation[],
  ) {
    super(
      `${contract.type} v${contract.version} breaks its contract: ` +
        violations.map((v) => `${v.path || '(payload)'}: ${v.messages.join(', ')}`).join('; '),
    );
    this.name = 'ContractViolationError';
  }
}
