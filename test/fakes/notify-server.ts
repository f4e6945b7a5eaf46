import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the endpoint saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any;
  at: number;
  /** The status this server answered with; null while it hangs (or hung) on the request. */
  status: number | null;
}

/** How to answer: a status (with body and headers), after a delay, or never (`hang`). */
export type Reply = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | 'hang';

/**
 * A real HTTP endpoint on 127.0.0.1 standing in for NOTIFY_URL (the Telegram bot, in production).
 * It records every request and answers from a script: queued replies first, one per request,
 * then the default (`200 {"ok":true}` unless changed). Tests assert on what arrived, never on our
 * own classes.
 */
export class FakeNotifyServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Reply[] = [];
  private fallback: Reply = { status: 200, body: '{"ok":true}' };
  private readonly hanging = new Set<ServerResponse>();
  /** Answers for one body `recipient`, before the queue and the default (a slow or rate-limited chat). */
  private readonly byRecipient = new Map<string, Reply>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/api/notify'): Promise<FakeNotifyServer> {
    let fake: FakeNotifyServer | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        fake!.answer(req.method ?? '', req.url ?? '', req.headers, Buffer.concat(chunks).toString('utf8'), res),
      );
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeNotifyServer(server, `http://127.0.0.1:${port}${path}`);
    return fake;
  }

  /** The next requests get these answers, in order; then the default again. */
  reply(...replies: Reply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Every request whose body's `recipient` is `recipient` gets `reply` (null: back to the queue and default). */
  replyFor(recipient: string, reply: Reply | null): this {
    if (reply === null) this.byRecipient.delete(recipient);
    else this.byRecipient.set(recipient, reply);
    return this;
  }

  /** The answer once queued replies are used up. */
  setDefault(reply: Reply): this {
    this.fallback = reply;
    return this;
  }

  /** The status the `index`-th request was answered with; 0 when it was not answered (hang, or no such request). */
  statusOf(index: number): number {
    return this.requests[index]?.status ?? 0;
  }

  /** Requests per Idempotency-Key header. */
  countsByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests) {
      const key = String(r.headers['idempotency-key']);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Resolves once `n` requests have arrived (or rejects after `timeoutMs`). */
  async waitForRequests(n: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < n) {
      if (Date.now() > deadline)
        throw new Error(`expected ${n} requests at the fake notify server, got ${this.requests.length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(method: string, path: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const recipient = (json as { recipient?: unknown } | undefined)?.recipient;
    const reply =
      (typeof recipient === 'string' ? this.byRecipient.get(recipient) : undefined) ??
      this.queue.shift() ??
      this.fallback;
    this.requests.push({
      method,
      path,
      headers,
      body,
      json,
      at: Date.now(),
      status: reply === 'hang' ? null : reply.status,
    });
    if (reply === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    const send = () =>
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers }).end(reply.body ?? '');
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  }
}
