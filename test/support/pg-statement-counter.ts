import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback proxy in front of PostgreSQL that counts the statements clients send (simple-protocol Query and
 * extended-protocol Parse messages), whatever library built them. Benchmarks and tests point DATABASE_URL at it
 * to count "SQL statements per request" on the wire.
 */
export class PgStatementCounter {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  statements = 0;
  port = 0;
  /** When set, the text of each counted statement is appended (to see what a figure is made of). */
  trace: string[] | undefined;

  constructor(
    private readonly targetHost = '127.0.0.1',
    private readonly targetPort = 5432,
  ) {}

  async start(): Promise<this> {
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /** The URL with host and port replaced by this proxy's. */
  proxied(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect({ host: this.targetHost, port: this.targetPort });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    const parser = new FrontendMessageParser((type, body) => {
      if (type !== 'Q' && type !== 'P') return;
      this.statements++;
      this.trace?.push(statementText(type, body));
    });
    client.on('data', (chunk: Buffer) => {
      parser.push(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}

/** Splits the client→server byte stream into messages: first an untyped startup packet, then typed messages. */
class FrontendMessageParser {
  private buffer = Buffer.alloc(0);
  private started = false;

  constructor(private readonly onMessage: (type: string, body: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerLength = this.started ? 5 : 4;
      if (this.buffer.length < headerLength) return;
      const length = this.started ? this.buffer.readInt32BE(1) + 1 : this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return;
      if (this.started) this.onMessage(String.fromCharCode(this.buffer[0]!), this.buffer.subarray(5, length));
      // The SSL request (code 80877103) is answered before the real startup packet, which follows untyped too.
      else if (length !== 8 || this.buffer.readInt32BE(4) !== 80877103) this.started = true;
      this.buffer = this.buffer.subarray(length);
    }
  }
}

/** Query: the SQL; Parse: statement name, then the SQL (both NUL-terminated). */
function statementText(type: string, body: Buffer): string {
  const fields = body.toString('utf8').split('\0');
  return (type === 'Q' ? fields[0] : fields[1]) ?? '';
}
