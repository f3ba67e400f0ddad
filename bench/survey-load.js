// The survey POST load generator, in a process of its own so that building and reading
// requests does not take CPU from the app under test (the bare-pg baseline has no HTTP client
// to pay for either). Plain JavaScript: it starts at once, with no TypeScript hook.
// Input (the JSON file named by argv[2]): { port, token, bodies: string[], warmup, connections, ratePerSecond? }.
// With ratePerSecond, the measured POSTs start on a fixed schedule (an offered rate, not a closed
// loop) over at most `connections` sockets, and each latency runs from its scheduled start, so a
// queue in front of the app shows in it.
// Output (stdout, JSON): { latencies: number[], failures: number[], durationMs }.
const { readFileSync } = require('node:fs');
const { Agent, request } = require('node:http');

/** One survey POST; resolves with the status once the body is read. Also the bench's in-process poster. */
function postSurvey(port, agent, token, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/v1/applications', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(list, connections, post, record) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(connections, list.length) }, async () => {
      while (next < list.length) {
        const body = list[next++];
        const started = Date.now();
        const status = await post(body);
        record(status, Date.now() - started);
      }
    }),
  );
}

/** Starts list[i] at started + i / ratePerSecond, whatever the answers do; latency from that scheduled start. */
async function runAtRate(list, ratePerSecond, post, record) {
  const started = Date.now();
  const inFlight = [];
  for (let i = 0; i < list.length; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(post(list[i]).then((status) => record(status, Date.now() - due)));
  }
  await Promise.all(inFlight);
}

module.exports = { postSurvey };

if (require.main === module) {
  const { port, token, bodies, warmup, connections, ratePerSecond } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const post = (body) => postSurvey(port, agent, token, body);
  main(bodies, warmup, connections, ratePerSecond, post, agent).catch((error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  });
}

async function main(bodies, warmup, connections, ratePerSecond, post, agent) {
  await run(bodies.slice(0, warmup), connections, post, () => undefined);
  const latencies = [];
  const failures = [];
  const record = (status, ms) => {
    if (status !== 201) failures.push(status);
    latencies.push(ms);
  };
  // The parent measures its own CPU (the app's) between these two messages.
  if (process.send) process.send('measuring');
  const started = Date.now();
  if (ratePerSecond) await runAtRate(bodies.slice(warmup), ratePerSecond, post, record);
  else await run(bodies.slice(warmup), connections, post, record);
  const durationMs = Date.now() - started;
  if (process.send) process.send('measured');
  process.stdout.write(JSON.stringify({ latencies, failures, durationMs }));
  agent.destroy();
  if (process.disconnect) process.disconnect();
}
