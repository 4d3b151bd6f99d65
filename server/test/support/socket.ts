// A realtime client for tests: a real WebSocket to a listening harness, with
// the frames it received kept in order and helpers to wait for one.
import WebSocket from 'ws';
import type { Harness } from './harness.ts';
import type { Person } from './world.ts';

export interface Frame {
  type: string;
  stream?: string;
  seq?: number;
  event?: string;
  data?: any;
  [key: string]: unknown;
}

export class TestSocket {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | null = null;
  readonly ws: WebSocket;
  private waiters: Array<() => void> = [];

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits until a received frame matches (searching from `from`), or fails after `ms`. */
  async next(match: (f: Frame) => boolean, ms = 5_000, from = 0): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) while waiting; frames: ${JSON.stringify(this.frames)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async subscribe(stream: string, since?: number): Promise<Frame> {
    const ref = Math.random().toString(36).slice(2);
    this.send({ type: 'subscribe', stream, ref, ...(since === undefined ? {} : { since }) });
    return this.next((f) => f.ref === ref);
  }

  /** Sends a ping and waits for its pong: every frame the server wrote to this socket before reading the ping has arrived. */
  async settle(): Promise<void> {
    const ref = `settle-${Math.random().toString(36).slice(2)}`;
    this.send({ type: 'ping', ref });
    await this.next((f) => f.type === 'pong' && f.ref === ref);
  }

  /** How many frames have arrived so far: pass it to `since` (or `next`) to consider only later ones. */
  mark(): number {
    return this.frames.length;
  }

  /** The frames received after `mark`, settle() pongs left out. */
  since(mark: number): Frame[] {
    return this.frames.slice(mark).filter((f) => !(f.type === 'pong' && String(f.ref).startsWith('settle-')));
  }

  async waitClosed(ms = 5_000): Promise<{ code: number; reason: string }> {
    await this.next(() => false, ms).catch(() => undefined);
    if (!this.closed) throw new Error('socket still open');
    return this.closed;
  }

  events(stream?: string): Frame[] {
    return this.frames.filter((f) => f.type === 'event' && (stream === undefined || f.stream === stream));
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}

/** Makes the harness listen on a free loopback port (once) and returns its ws:// base. */
export async function listening(h: Harness): Promise<string> {
  const address = h.app.server.address();
  if (address && typeof address === 'object') return `ws://127.0.0.1:${address.port}`;
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  return listening(h);
}

export interface ConnectOptions {
  origin?: string | null;
  bearer?: string;
  /** false: the client does not answer the server's pings (a dead peer). */
  autoPong?: boolean;
}

/** Opens the realtime socket as `person` (their session cookie), resolving once the server said hello. */
export async function connect(h: Harness, person: Person | null, slug: string, options: ConnectOptions = {}): Promise<TestSocket> {
  const base = await listening(h);
  const headers: Record<string, string> = {};
  if (person?.client.cookie) headers.cookie = person.client.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const origin = options.origin === undefined ? h.s.config.publicUrl.origin : options.origin;
  if (origin !== null) headers.origin = origin;
  const ws = new WebSocket(`${base}/api/v1/i/${slug}/realtime`, { headers, autoPong: options.autoPong ?? true });
  const socket = new TestSocket(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
  await socket.next((f) => f.type === 'hello');
  return socket;
}
