import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One HTTP request the gateway received, whatever it answered. */
export interface GatewayRequest {
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  idempotencyKey?: string;
  body: Record<string, unknown>;
  status: number;
  /** A repeat of a key already delivered: answered with the first answer, not sent again. */
  replayed: boolean;
}

/** What the gateway actually sent to a handset: one per Idempotency-Key, ever. */
export interface GatewayDelivery {
  idempotencyKey: string;
  gatewayId: string;
  phone: string;
  text: string;
  body: Record<string, unknown>;
}

/**
 * A fake SMS gateway that is a real HTTP server on a free port of 127.0.0.1, behaving as a real
 * one does: a POST with an Idempotency-Key it has delivered already gets the first answer back
 * and sends nothing (so a sender that retries after a lost answer doubles nothing); a POST
 * without one is refused. It can be told to fail the next N requests (503), or to answer slowly,
 * so a test can hold sends in flight.
 */
export class FakeSmsGateway {
  readonly requests: GatewayRequest[] = [];
  private readonly delivered = new Map<string, GatewayDelivery>();
  private failures = 0;
  private failStatus = 503;
  private delayMs = 0;
  private counter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSmsGateway> {
    let gateway: FakeSmsGateway | undefined;
    const server = createServer((req, res) => void gateway?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    gateway = new FakeSmsGateway(server, `http://127.0.0.1:${port}/sms/send`);
    return gateway;
  }

  /** The next `n` requests answer `status` (503: the gateway is overloaded) and send nothing. */
  failNext(n: number, status = 503): void {
    this.failures = n;
    this.failStatus = status;
  }

  /** Every answer waits this long first (0: at once). */
  answerAfter(ms: number): void {
    this.delayMs = ms;
  }

  /** What reached handsets, in the order sent. */
  deliveries(): GatewayDelivery[] {
    return [...this.delivered.values()];
  }

  /** Deliveries to one phone number (in clear, as the sender must have opened it). */
  deliveriesTo(phone: string): GatewayDelivery[] {
    return this.deliveries().filter((d) => d.phone === phone);
  }

  /** Requests that carried this key (first send, retries after failures, repeats after success). */
  requestsFor(idempotencyKey: string): GatewayRequest[] {
    return this.requests.filter((r) => r.idempotencyKey === idempotencyKey);
  }

  /** Forgets what it received (not what it delivered: a real gateway remembers its keys). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return this.answer(req, res, body, 400, { error: 'body is not JSON' }, false);
    }
    const key = header(req.headers, 'idempotency-key');
    if (req.method !== 'POST') return this.answer(req, res, body, 405, { error: 'POST only' }, false, key);
    if (!key) return this.answer(req, res, body, 400, { error: 'Idempotency-Key is required' }, false);
    const first = this.delivered.get(key);
    if (first) return this.answer(req, res, body, 200, { id: first.gatewayId, status: 'accepted', duplicate: true }, true, key);
    if (this.failures > 0) {
      this.failures--;
      return this.answer(req, res, body, this.failStatus, { error: 'gateway busy, try again' }, false, key);
    }
    if (typeof body.phone !== 'string' || typeof body.text !== 'string') {
      return this.answer(req, res, body, 422, { error: 'phone and text are required' }, false, key);
    }
    const gatewayId = `gw-${++this.counter}`;
    this.delivered.set(key, { idempotencyKey: key, gatewayId, phone: body.phone, text: body.text, body });
    return this.answer(req, res, body, 200, { id: gatewayId, status: 'accepted' }, false, key);
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>, status: number, answer: object, replayed: boolean, key?: string): void {
    this.requests.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', headers: req.headers, idempotencyKey: key, body, status, replayed });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
