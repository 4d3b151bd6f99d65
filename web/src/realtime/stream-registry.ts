// The streams this browser tab follows: who listens to each, and the last
// sequence number delivered, so a reconnect asks only for what was missed
// and an event seen twice (replayed after a reconnect, or overlapping an
// HTTP load) is delivered once.
import type { StreamEvent } from './protocol';

export interface StreamListener {
  onEvent?: (event: StreamEvent) => void;
  /** The gap was too large to replay: reload the stream's state over HTTP. */
  onReset?: (seq: number) => void;
  onTyping?: (userId: string) => void;
  /**
   * The server confirmed the subscription (again, after a reconnect), with the
   * stream's head. Data loaded over HTTP before this moment may lack events
   * sent before the subscription started: catch up from here.
   */
  onSubscribed?: (head: number) => void;
  /** The server ended the subscription (membership ended, or not allowed). */
  onEnded?: (reason: string) => void;
}

interface StreamState {
  listeners: Set<StreamListener>;
  /** The last seq delivered; null until the server told us where the stream is. */
  lastSeq: number | null;
}

export class StreamRegistry {
  private readonly streams = new Map<string, StreamState>();

  /** Adds a listener; true when the stream is new (it must be subscribed). */
  add(stream: string, listener: StreamListener, since: number | null): boolean {
    const known = this.streams.get(stream);
    if (known) {
      known.listeners.add(listener);
      return false;
    }
    this.streams.set(stream, { listeners: new Set([listener]), lastSeq: since });
    return true;
  }

  /** Removes a listener; true when nobody listens to the stream any more. */
  remove(stream: string, listener: StreamListener): boolean {
    const state = this.streams.get(stream);
    if (!state) return false;
    state.listeners.delete(listener);
    return state.listeners.size === 0;
  }

  /** Forgets a stream nobody listens to (a listener that came back meanwhile keeps it). */
  dropIfUnused(stream: string): boolean {
    const state = this.streams.get(stream);
    if (!state || state.listeners.size > 0) return false;
    this.streams.delete(stream);
    return true;
  }

  has(stream: string): boolean {
    return this.streams.has(stream);
  }

  /** Every stream with where to resume it, for subscribing after a (re)connect. */
  positions(): { stream: string; since: number | null }[] {
    return [...this.streams].map(([stream, state]) => ({ stream, since: state.lastSeq }));
  }

  /** The server's head when the subscription started: everything up to it was sent. */
  subscribed(stream: string, head: number): void {
    const state = this.streams.get(stream);
    if (!state) return;
    if (state.lastSeq === null || head > state.lastSeq) state.lastSeq = head;
    this.each(state, (listener) => listener.onSubscribed?.(head));
  }

  /** Delivers an event unless it was delivered already. */
  deliver(event: StreamEvent): void {
    const state = this.streams.get(event.stream);
    if (!state) return;
    if (state.lastSeq !== null && event.seq <= state.lastSeq) return;
    state.lastSeq = event.seq;
    this.each(state, (listener) => listener.onEvent?.(event));
  }

  reset(stream: string, seq: number): void {
    const state = this.streams.get(stream);
    if (!state) return;
    state.lastSeq = seq;
    this.each(state, (listener) => listener.onReset?.(seq));
  }

  typing(stream: string, userId: string): void {
    const state = this.streams.get(stream);
    if (state) this.each(state, (listener) => listener.onTyping?.(userId));
  }

  end(stream: string, reason: string): void {
    const state = this.streams.get(stream);
    if (!state) return;
    this.streams.delete(stream);
    this.each(state, (listener) => listener.onEnded?.(reason));
  }

  // One failing listener must not keep the others from hearing the event.
  private each(state: StreamState, call: (listener: StreamListener) => void): void {
    for (const listener of [...state.listeners]) {
      try {
        call(listener);
      } catch (error) {
        console.warn('A realtime listener failed', error);
      }
    }
  }
}
