// One WebSocket to the realtime gateway per tab and instance. It subscribes
// the streams its listeners ask for, resumes each after a reconnect from the
// last sequence number seen (the server replays the gap, or says `reset`),
// reconnects with backoff, at once when the browser comes back online, and
// drops a connection that stopped answering pings.
import { reconnectDelay, SLOWEST_RECONNECT_MS } from './backoff';
import { parseServerFrame, type ClientFrame, type ServerFrame, type StreamEvent } from './protocol';
import { StreamRegistry, type StreamListener } from './stream-registry';
import { TypingThrottle } from './typing-throttle';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** A pong slower than this means the connection is dead. */
const PONG_TIMEOUT_MS = 10_000;
/** Keep a stream a moment after its last listener left: pages re-render and come back. */
const UNSUBSCRIBE_DELAY_MS = 3000;
/** Close codes after which retrying soon is pointless (origin refused, session ended). */
const SESSION_CLOSE_CODES = new Set([1008, 4001]);

export function realtimeUrl(slug: string): string {
  return `${location.origin.replace(/^http/, 'ws')}/api/v1/i/${encodeURIComponent(slug)}/realtime`;
}

export class RealtimeClient {
  private readonly registry = new StreamRegistry();
  private socket: WebSocket | null = null;
  private ready = false;
  private status: ConnectionStatus = 'connecting';
  private attempt = 0;
  private connectedOnce = false;
  private stopped = true;
  private retryTimer: number | null = null;
  private heartbeatTimer: number | null = null;
  private pongTimer: number | null = null;
  private nextRef = 0;
  private readonly refs = new Map<string, string>();
  private readonly typingFrames = new TypingThrottle((stream) => {
    if (this.ready) this.send({ type: 'typing', stream });
  });
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly reconnectListeners = new Set<() => void>();

  private readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.clearRetry();
    this.dropSocket();
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** Called after every reconnect (not the first connect): refresh what streams do not carry. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  /**
   * Listens to a stream. `since` (the seq the caller's HTTP data is at) is
   * used when the stream is not followed yet: the server sends what came after.
   */
  subscribe(stream: string, listener: StreamListener, since: number | null = null): () => void {
    if (this.registry.add(stream, listener, since) && this.ready) this.sendSubscribe(stream, since);
    return () => {
      if (!this.registry.remove(stream, listener)) return;
      window.setTimeout(() => {
        if (this.registry.dropIfUnused(stream) && this.ready) this.send({ type: 'unsubscribe', stream });
      }, UNSUBSCRIBE_DELAY_MS);
    };
  }

  /** Tells the others I am typing; call on every keystroke (frames are throttled). */
  sendTyping(stream: string): void {
    if (this.ready) this.typingFrames.typing(stream);
  }

  /** The message was sent (or the text cleared): no late typing frame. */
  stopTyping(stream: string): void {
    this.typingFrames.cancel(stream);
  }

  private connect(): void {
    this.clearRetry();
    if (this.stopped || this.socket) return;
    this.setStatus('connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      const frame = parseServerFrame(message.data);
      if (frame) this.receive(frame);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.closed(close.code);
    };
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'hello':
        this.welcomed(frame.heartbeatSeconds);
        break;
      case 'subscribed':
        this.registry.subscribed(frame.stream, frame.seq);
        if (frame.ref) this.refs.delete(frame.ref);
        break;
      case 'event':
        this.registry.deliver({ stream: frame.stream, seq: frame.seq, name: frame.event, data: frame.data } as StreamEvent);
        break;
      case 'reset':
        this.registry.reset(frame.stream, frame.seq);
        break;
      case 'unsubscribed':
        if (frame.reason !== 'requested') this.registry.end(frame.stream, frame.reason);
        break;
      case 'typing':
        this.registry.typing(frame.stream, frame.userId);
        break;
      case 'pong':
        this.clearPongTimer();
        break;
      case 'error':
        this.failed(frame);
        break;
    }
  }

  private welcomed(heartbeatSeconds: number): void {
    this.ready = true;
    this.attempt = 0;
    for (const { stream, since } of this.registry.positions()) this.sendSubscribe(stream, since);
    this.startHeartbeat(heartbeatSeconds);
    this.setStatus('online');
    if (this.connectedOnce) for (const listener of [...this.reconnectListeners]) listener();
    this.connectedOnce = true;
  }

  private failed(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const stream = frame.ref ? this.refs.get(frame.ref) : undefined;
    if (frame.ref) this.refs.delete(frame.ref);
    // A subscription refused (not allowed, or too many) will not work by retrying.
    if (stream) this.registry.end(stream, frame.code);
    // Typing is best effort: a frame refused (too soon, or the stream just ended) does not matter.
    else if (frame.code !== 'rate_limited' && frame.code !== 'not_subscribed') console.warn(`Realtime: ${frame.code}: ${frame.message}`);
  }

  private sendSubscribe(stream: string, since: number | null): void {
    const ref = `s${++this.nextRef}`;
    this.refs.set(ref, stream);
    this.send(since === null ? { type: 'subscribe', stream, ref } : { type: 'subscribe', stream, since, ref });
  }

  private send(frame: ClientFrame): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private startHeartbeat(seconds: number): void {
    this.stopHeartbeat();
    const interval = Math.max(5, seconds || 25) * 1000;
    this.heartbeatTimer = window.setInterval(() => {
      this.send({ type: 'ping' });
      if (this.pongTimer === null) this.pongTimer = window.setTimeout(() => this.dropSocket(), PONG_TIMEOUT_MS);
    }, interval);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) window.clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.clearPongTimer();
  }

  private clearPongTimer(): void {
    if (this.pongTimer !== null) window.clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  /** Abandons the socket at once (a dead one can take minutes to report its close). */
  private dropSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.close();
    this.closed(1000);
  }

  private closed(code: number): void {
    this.ready = false;
    this.refs.clear();
    this.stopHeartbeat();
    if (this.stopped) return;
    this.setStatus('offline');
    this.scheduleRetry(SESSION_CLOSE_CODES.has(code) ? SLOWEST_RECONNECT_MS : undefined);
  }

  private scheduleRetry(delay?: number): void {
    this.clearRetry();
    // Offline, the 'online' event reconnects.
    if (this.stopped || !navigator.onLine) return;
    this.retryTimer = window.setTimeout(() => this.connect(), delay ?? reconnectDelay(this.attempt));
    this.attempt += 1;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }

  private readonly onOnline = () => {
    this.attempt = 0;
    this.connect();
  };

  private readonly onOffline = () => this.dropSocket();

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && !this.socket && navigator.onLine) this.connect();
  };
}
