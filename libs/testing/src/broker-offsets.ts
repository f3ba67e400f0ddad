import { brokerAddress } from './broker';

/**
 * The offsets a consumer group has committed, per partition of a topic, as the test broker
 * reports them (go-mokapi answers no OffsetFetch from outside the group, but its HTTP API
 * tells). Its API listens 1000 below the broker's port (see startBroker). A partition the
 * group never committed is absent.
 */
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const [host, port] = brokerAddress().split(':');
  const res = await fetch(`http://${host}:${Number(port) - 1000}/api/metrics`);
  if (!res.ok) throw new Error(`the broker's API answered ${res.status}`);
  const metrics = (await res.json()) as { name: string; value: number }[];
  const offsets = new Map<number, number>();
  for (const { name, value } of metrics) {
    const labels = /^kafka_consumer_group_commit\{(.*)\}$/.exec(name)?.[1];
    if (!labels) continue;
    const label = (key: string) => new RegExp(`${key}="([^"]*)"`).exec(labels)?.[1];
    if (label('group') === groupId && label('topic') === topic) offsets.set(Number(label('partition')), value);
  }
  return offsets;
}
