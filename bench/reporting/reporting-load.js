// The reporting bench's HTTP load generator, in a process of its own (as bench/loans/loans-load.js):
// building requests and reading answers must not take the core the app runs on. Plain JavaScript.
//
// Input (the JSON file named by argv[2]):
//   { port, token, path, warmup, count, connections }   closed loop: `connections` loops
//   ... plus { rate, seconds }                           open loop: requests start on a schedule
// Every request is GET `path` and must answer 200. Output (stdout, JSON):
// { latencies, failures: [{ status, body }], durationMs, bytes }. Open-loop latency is measured
// from the request's scheduled start, so a server that falls behind shows it.
const { readFileSync } = require('node:fs');
const { Agent, request } = require('node:http');

function get(port, agent, token, path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function closedLoop(connections, n, send, record) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(connections, n) }, async () => {
      while (next < n) {
        next++;
        const started = performance.now();
        const answer = await send();
        record(answer, performance.now() - started);
      }
    }),
  );
}

async function openLoop(input, send, record) {
  const total = Math.round(input.rate * input.seconds);
  const started = performance.now();
  const inFlight = new Set();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / input.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const p = send().then((answer) => record(answer, performance.now() - due));
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
}

async function main(input) {
  const agent = new Agent({ keepAlive: true, maxSockets: input.rate ? 256 : input.connections });
  const send = () => get(input.port, agent, input.token, input.path);
  const latencies = [];
  const failures = [];
  let bytes = 0;
  const record = (answer, ms) => {
    if (answer.status !== 200) failures.push({ status: answer.status, body: answer.body.toString('utf8').slice(0, 300) });
    bytes = answer.body.length;
    latencies.push(Math.round(ms * 100) / 100);
  };
  await closedLoop(1, input.warmup, send, (answer) => {
    if (answer.status !== 200) failures.push({ status: answer.status, body: answer.body.toString('utf8').slice(0, 300), warmup: true });
  });
  const started = performance.now();
  if (input.rate) await openLoop(input, send, record);
  else await closedLoop(input.connections, input.count, send, record);
  const durationMs = performance.now() - started;
  process.stdout.write(JSON.stringify({ latencies, failures, durationMs, bytes }));
  agent.destroy();
}

main(JSON.parse(readFileSync(process.argv[2], 'utf8'))).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
