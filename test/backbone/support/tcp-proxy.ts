import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP forwarder between a client and PostgreSQL that a test can partition: after
 * `partition()` both directions are silently dropped, so the client neither hears from the
 * server nor learns that its connection is gone (a network partition, not a reset).
 */
export class TcpProxy {
  private partitioned = false;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.forward(client, createConnection(target)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The same database URL, through the proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.host = `127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return url.toString();
  }

  partition(): void {
    this.partitioned = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, upstream: Socket): void {
    for (const [from, to] of [[client, upstream], [upstream, client]]) {
      this.sockets.add(from);
      // Partitioned, not even a close gets through: the client's socket stays open, silent.
      from.on('data', (chunk) => void (this.partitioned || to.write(chunk)));
      from.on('error', () => void (this.partitioned || to.destroy()));
      from.on('close', () => void (this.partitioned || to.destroy()));
    }
  }
}
