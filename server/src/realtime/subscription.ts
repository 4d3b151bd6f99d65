// One connection's subscription to one stream, delivering its events in
// sequence order, each once. A live event that arrives ahead of a missing one
// waits GAP_WAIT_MS for it (two commits can be published in either order),
// then the gap is read from PostgreSQL, where every committed event is. Too
// far behind, or the events are gone: the client is told to reload (reset).
import { eventFrame } from './frames.ts';
import type { Grant } from './stream-access.ts';
import type { StoredEvent } from './stream-log.ts';

const GAP_WAIT_MS = 100;

export interface SubscriptionHost {
  send(text: string): void;
  /** The stream's events after `since` up to `until`, oldest first, at most `limit`. */
  readEvents(stream: string, since: number, until: number, limit: number): Promise<StoredEvent[]>;
  recoveryLimit: number;
  onError(error: unknown): void;
}

export class Subscription {
  /** The last seq delivered (or skipped by a reset). */
  lastSeq = 0;
  private ready = false;
  /** Re-checks of the right to read under way: events are held (kept, in order) until they end. */
  private holds = 0;
  private filling = false;
  private closed = false;
  private readonly pending = new Map<number, string>();
  private gapTimer: NodeJS.Timeout | null = null;

  readonly stream: string;
  readonly grant: Grant;
  private readonly host: SubscriptionHost;

  constructor(host: SubscriptionHost, stream: string, grant: Grant) {
    this.host = host;
    this.stream = stream;
    this.grant = grant;
  }

  /** Started and not held: events go out as they come. */
  get isReady(): boolean {
    return this.ready && this.holds === 0;
  }

  /** A live event, already serialised (one string shared by every subscriber). */
  offer(seq: number, frame: string): void {
    if (this.closed || seq <= this.lastSeq) return;
    if (this.isReady && !this.filling && seq === this.lastSeq + 1) {
      this.host.send(frame);
      this.lastSeq = seq;
      if (this.pending.size > 0) this.drain();
      return;
    }
    this.pending.set(seq, frame);
    if (this.pending.size > this.host.recoveryLimit) {
      const newest = Math.max(...this.pending.keys());
      if (this.isReady) this.reset(newest);
      // Not granted (or being re-checked): nothing may be sent, not even a reset (its seq tells the stream's
      // activity). Keeping only the newest loses nothing: the gap fill reads the others back (or resets).
      else for (const held of [...this.pending.keys()]) if (held !== newest) this.pending.delete(held);
    } else if (this.isReady && !this.filling) this.scheduleGapFill();
  }

  /** Holds events back while the right to read the stream is re-checked (a membership just ended). */
  hold(): void {
    this.holds += 1;
    this.clearTimer();
  }

  /** The re-check kept the subscription: what was held goes out. */
  resume(): void {
    this.holds = Math.max(0, this.holds - 1);
    if (!this.closed) this.drain();
  }

  /** Catch-up done: deliver live events held meanwhile, from `lastSeq` on. */
  start(lastSeq: number): void {
    this.lastSeq = lastSeq;
    this.ready = true;
    this.drain();
  }

  reset(seq: number): void {
    this.pending.clear();
    this.clearTimer();
    this.lastSeq = seq;
    this.host.send(JSON.stringify({ type: 'reset', stream: this.stream, seq, reason: 'too_far_behind' }));
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
    this.clearTimer();
  }

  private drain(): void {
    if (!this.isReady) return;
    for (let next = this.pending.get(this.lastSeq + 1); next !== undefined; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(this.lastSeq + 1);
      this.host.send(next);
      this.lastSeq += 1;
    }
    for (const seq of this.pending.keys()) if (seq <= this.lastSeq) this.pending.delete(seq);
    if (this.pending.size > 0) this.scheduleGapFill();
    else this.clearTimer();
  }

  private scheduleGapFill(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      this.fill().catch((error: unknown) => this.host.onError(error));
    }, GAP_WAIT_MS);
    this.gapTimer.unref();
  }

  private async fill(): Promise<void> {
    if (this.closed || !this.isReady || this.pending.size === 0) return;
    this.filling = true;
    try {
      const until = Math.min(...this.pending.keys()) - 1;
      const missing = until - this.lastSeq;
      if (missing <= 0) return;
      const events = missing > this.host.recoveryLimit ? [] : await this.host.readEvents(this.stream, this.lastSeq, until, missing);
      if (this.closed || !this.isReady) return; // held meanwhile: resume() fills again
      if (events.length !== missing) {
        this.reset(Math.max(...this.pending.keys()));
        return;
      }
      for (const e of events) this.host.send(eventFrame(this.stream, e));
      this.lastSeq = until;
    } finally {
      this.filling = false;
      if (!this.closed) this.drain();
    }
  }

  private clearTimer(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
