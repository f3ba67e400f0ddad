import { TestApp } from './test-app';

/** The value of one series in a /metrics text (0 when absent), matched by name and every label given. */
export function metricIn(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** The value of one series on the app's /metrics now. */
export async function metric(app: TestApp, name: string, labels: Record<string, string> = {}): Promise<number> {
  const res = await app.http().get('/metrics').set('Authorization', `Bearer ${await app.tokenFor('admin')}`).expect(200);
  return metricIn(res.text as string, name, labels);
}
