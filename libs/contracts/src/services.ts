/** Every service of xingfu. Each owns one Postgres schema and (if it produces events) one topic. */
export const SERVICE_NAMES = ['identity', 'applications', 'guarantees', 'loans', 'partners', 'reminders', 'reporting'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** One topic per producing service; the `.v1` is the topic layout version, not an event version. */
export function topicOf(service: ServiceName): string {
  return `xingfu.${service}.v1`;
}
