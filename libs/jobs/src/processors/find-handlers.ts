import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DAILY_SWEEP, JOB_PROCESSOR, JobProcessorMeta } from './job-processor.decorator';

export interface FoundMethod<M> {
  meta: M;
  /** `Class.method`, for the message that names it. */
  where: string;
  call: (...args: unknown[]) => Promise<unknown>;
}

/** Every provider method carrying `key` metadata, bound to its instance. */
export function findMethods<M>(discovery: DiscoveryService, scanner: MetadataScanner, key: string): FoundMethod<M>[] {
  const found: FoundMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) continue;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = (prototype as Record<string, unknown>)[name];
      if (typeof method !== 'function') continue;
      const meta = Reflect.getMetadata(key, method) as M | undefined;
      if (meta === undefined) continue;
      found.push({ meta, where: `${instance.constructor.name}.${name}`, call: (...args) => (method as (...a: unknown[]) => Promise<unknown>).apply(instance, args) });
    }
  }
  return found;
}

export const findJobProcessors = (d: DiscoveryService, s: MetadataScanner) => findMethods<JobProcessorMeta>(d, s, JOB_PROCESSOR);
export const findDailySweeps = (d: DiscoveryService, s: MetadataScanner) => findMethods<string>(d, s, DAILY_SWEEP);
