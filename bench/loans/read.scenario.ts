import { TestApp } from '@xingfu/testing';
import { rate, Result, summarize } from '../support';
import { runLoad } from './load';

/** `reads` sequential GET /api/v1/loans/:id of one loan (one connection, from the load process). */
export async function runLoanReads(app: TestApp, token: string, loanId: string, postings: number, reads: number): Promise<Result> {
  const out = await runLoad(app, `GET loan (${postings} postings)`, { token, kind: 'read', loanIds: [loanId], warmup: 20, count: reads, connections: 1 });
  return {
    scenario: `GET loan, ${postings} posting${postings === 1 ? '' : 's'}`,
    events: reads,
    writers: 1,
    durationMs: Math.round(out.durationMs),
    eventsPerSecond: rate(reads, out.durationMs),
    latencyMs: summarize(out.latencies),
  };
}

/** The size of one answer, to show what a read carries (postings are paged, so it should not grow with them). */
export async function answerBytes(app: TestApp, token: string, loanId: string): Promise<number> {
  const res = await app.http().get(`/api/v1/loans/${loanId}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`GET /api/v1/loans/${loanId} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return Buffer.byteLength(res.text);
}
