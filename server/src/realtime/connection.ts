// One client's WebSocket: frames in (validated, rate-limited), subscriptions,
// frames out (closed when the client cannot keep up, rather than buffering
// without bound: it reconnects and recovers from its last seq).
import type { WebSocket } from 'ws';
import type { Actor, TenantContext } from '../http/context.ts';
import { parseClientFrame, type ClientFrame, type ServerFrame } from './frames.ts';
import type { Gateway } from './gateway.ts';
import type { Subscription } from './subscription.ts';

/** Close codes (docs/realtime.md). */
export const CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  policy: 1008,
  sessionEnded: 4001,
  flooding: 4008,
  tooSlow: 4009,
} as const;

const MAX_BUFFERED_BYTES = 8 * 1_048_576;
const TYPING_INTERVAL_MS = 2_000;
const RATE_WINDOW_MS = 10_000;

export class Connection {
  readonly subscriptions = new Map<string, Subscription>();
  /** Pings unanswered in a row. */
  missedPongs = 0;
  verifyDueAt: number;
  private frames = 0;
  private windowStart = Date.now();
  private readonly lastTyping = new Map<string, number>();
  /** Per stream, the end of the frames being handled: a subscribe waits on PostgreSQL, and what follows it must wait too. */
  private readonly streamQueues = new Map<string, Promise<void>>();

  readonly socket: WebSocket;
  readonly actor: Actor;
  tenant: TenantContext;
  private readonly gateway: Gateway;

  constructor(socket: WebSocket, gateway: Gateway, actor: Actor, tenant: TenantContext) {
    this.socket = socket;
    this.gateway = gateway;
    this.actor = actor;
    this.tenant = tenant;
    this.verifyDueAt = gateway.nextVerification();
    socket.on('pong', () => void (this.missedPongs = 0));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.close(CLOSE.unsupportedData, 'Frames are JSON text.');
      if (this.flooding()) return this.close(CLOSE.flooding, 'Too many frames: slow down.');
      this.handle(data.toString()).catch((error: unknown) => {
        this.gateway.log.error({ err: error }, 'realtime frame failed');
        this.reply({ type: 'error', code: 'internal_error', message: 'The server could not handle this frame.' });
      });
    });
  }

  get instanceId(): string {
    return this.tenant.instance.id;
  }

  get userId(): string {
    return this.tenant.membership.userId;
  }

  send(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.close(CLOSE.tooSlow, 'Too slow to keep up: reconnect to recover.');
    this.socket.send(text);
  }

  reply(frame: ServerFrame): void {
    this.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Ends a subscription the client may no longer hold (or asked to end: then `ref` is its frame's). */
  drop(stream: string, reason: 'membership_ended' | 'requested', ref: { ref?: string } = {}): void {
    const subscription = this.subscriptions.get(stream);
    if (!subscription) return;
    this.subscriptions.delete(stream);
    this.gateway.unindex(this, subscription);
    subscription.close();
    this.reply({ type: 'unsubscribed', stream, reason, ...ref });
  }

  private flooding(): boolean {
    const now = Date.now();
    if (now - this.windowStart > RATE_WINDOW_MS) {
      this.windowStart = now;
      this.frames = 0;
    }
    this.frames += 1;
    return this.frames > this.gateway.config.maxFramesPer10s;
  }

  private async handle(text: string): Promise<void> {
    const parsed = parseClientFrame(text);
    if (!parsed.ok) return this.reply({ type: 'error', code: parsed.code, message: parsed.message, ...(parsed.ref ? { ref: parsed.ref } : {}) });
    const frame: ClientFrame = parsed.frame;
    const ref = frame.ref ? { ref: frame.ref } : {};
    switch (frame.type) {
      case 'ping':
        return this.reply({ type: 'pong', ...ref });
      case 'unsubscribe':
        return this.inOrder(frame.stream, () => this.unsubscribe(frame.stream, ref));
      case 'typing':
        return this.inOrder(frame.stream, () => this.typing(frame.stream, ref));
      case 'subscribe':
        return this.inOrder(frame.stream, () => this.subscribe(frame.stream, frame.since, ref));
    }
  }

  /**
   * Runs the frames about one stream one after the other, in the order they
   * came: a second subscribe, an unsubscribe or a typing frame sent while a
   * subscribe is being checked is answered once that check is over. Frames
   * with nothing to wait for run at once, as ping does, so replies keep the
   * order of the frames.
   */
  private inOrder(stream: string, work: () => void | Promise<void>): void | Promise<void> {
    const previous = this.streamQueues.get(stream);
    const current = previous ? previous.then(work) : work();
    if (!current) return;
    const tail: Promise<void> = current.catch(() => undefined).then(() => {
      if (this.streamQueues.get(stream) === tail) this.streamQueues.delete(stream);
    });
    this.streamQueues.set(stream, tail);
    return current;
  }

  private unsubscribe(stream: string, ref: { ref?: string }): void {
    if (this.subscriptions.has(stream)) return this.drop(stream, 'requested', ref);
    this.reply({ type: 'error', code: 'not_subscribed', message: 'You are not subscribed to this stream.', ...ref });
  }

  private typing(stream: string, ref: { ref?: string }): void {
    const subscription = this.subscriptions.get(stream);
    if (!subscription?.isReady || !stream.startsWith('conversation:')) {
      return this.reply({ type: 'error', code: 'not_subscribed', message: 'Subscribe to a conversation before typing in it.', ...ref });
    }
    const now = Date.now();
    if (now - (this.lastTyping.get(stream) ?? 0) < TYPING_INTERVAL_MS) return;
    this.lastTyping.set(stream, now);
    this.gateway.publishTyping(this, stream);
  }

  private async subscribe(stream: string, since: number | undefined, ref: { ref?: string }): Promise<void> {
    const existing = this.subscriptions.get(stream);
    if (existing) return this.reply({ type: 'subscribed', stream, seq: existing.lastSeq, ...ref });
    if (this.subscriptions.size >= this.gateway.config.maxSubscriptions) {
      return this.reply({ type: 'error', code: 'too_many_subscriptions', message: `At most ${this.gateway.config.maxSubscriptions} subscriptions per connection.`, ...ref });
    }
    const head = await this.gateway.open(this, stream, since);
    if (head === null) return this.reply({ type: 'error', code: 'stream_not_found', message: 'No such stream, or you may not follow it.', ...ref });
    this.reply({ type: 'subscribed', stream, seq: head, ...ref });
  }
}
