// The loans bench's HTTP load generator, in a process of its own (as bench/survey-load.js):
// building requests and reading answers must not take the core the app runs on, and the bare
// pg baseline pays for no HTTP client. Plain JavaScript: it starts at once.
//
// Input (the JSON file named by argv[2]):
//   { port, token, kind: 'repayment' | 'read', loanIds: string[], amountFen, paidOn,
//     warmup, count, connections }                      closed loop: `connections` loops
//   ... plus { rate, seconds }                           open loop: requests start on a schedule
//                                                        (over `sockets` connections when given)
// A repayment goes to a random loan of loanIds with a fresh Idempotency-Key; a read GETs
// loanIds[0]. Output (stdout, JSON): { latencies, failures: [{ status, body }], durationMs }.
// Open-loop latency is measured from the request's scheduled start, so a server that falls
// behind shows it (no coordinated omission).
const { readFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { Agent, request } = require('node:http');

function send(port, agent, token, spec) {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}` };
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(spec.body);
    }
    if (spec.key) headers['idempotency-key'] = spec.key;
    const req = request({ host: '127.0.0.1', port, path: spec.path, method: spec.method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(spec.body);
  });
}

function requestFor(input, i) {
  if (input.kind === 'read') return { method: 'GET', path: `/api/v1/loans/${input.loanIds[0]}`, expect: 200 };
  const loanId = input.loanIds[Math.floor(Math.random() * input.loanIds.length)];
  const body = JSON.stringify({ amountFen: input.amountFen, paidOn: input.paidOn, source: 'cash', reference: `bench ${i}` });
  return { method: 'POST', path: `/api/v1/loans/${loanId}/repayments`, body, key: randomUUID(), expect: 201 };
}

async function closedLoop(input, n, post, record) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(input.connections, n) }, async () => {
      while (next < n) {
        const spec = requestFor(input, next++);
        const started = performance.now();
        const answer = await post(spec);
        record(spec, answer, performance.now() - started);
      }
    }),
  );
}

async function openLoop(input, post, record) {
  const total = Math.round(input.rate * input.seconds);
  const started = performance.now();
  const inFlight = new Set();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / input.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const spec = requestFor(input, i);
    const p = post(spec).then((answer) => record(spec, answer, performance.now() - due));
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
}

async function main(input) {
  // Open loop: enough sockets that the client never queues what the schedule starts, unless the
  // run names its sockets (a request due while all are busy then waits, and that wait counts).
  const agent = new Agent({ keepAlive: true, maxSockets: input.rate ? (input.sockets ?? 256) : input.connections });
  const post = (spec) => send(input.port, agent, input.token, spec);
  const latencies = [];
  const failures = [];
  const record = (spec, answer, ms) => {
    if (answer.status !== spec.expect) failures.push({ status: answer.status, body: answer.body.slice(0, 300) });
    latencies.push(Math.round(ms * 100) / 100);
  };
  await closedLoop(input, input.warmup, post, (spec, answer) => {
    if (answer.status !== spec.expect) failures.push({ status: answer.status, body: answer.body.slice(0, 300), warmup: true });
  });
  // The parent measures its own CPU (the app's) between these two messages.
  if (process.send) process.send('measuring');
  const started = performance.now();
  if (input.rate) await openLoop(input, post, record);
  else await closedLoop(input, input.count, post, record);
  const durationMs = performance.now() - started;
  if (process.send) process.send('measured');
  process.stdout.write(JSON.stringify({ latencies, failures, durationMs }));
  agent.destroy();
  if (process.disconnect) process.disconnect();
}

main(JSON.parse(readFileSync(process.argv[2], 'utf8'))).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
