// What the chat benchmark's pieces say to each other: the body of a bench
// message (it carries its number and send time, so any receiver can time it
// without a shared map), the clock they all read, and the messages between
// the main thread and the client workers.
import type { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Milliseconds on CLOCK_MONOTONIC (process.hrtime), with sub-millisecond
 * precision. It is one clock for every thread and process of the machine, so
 * a send time taken in the main thread and a receive time taken in a worker
 * compare directly.
 */
export function clockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** 'w': sent during the warm-up (neither timed nor counted); 'm': measured. */
export type Phase = 'w' | 'm';

const FILLER = 'Lunch at the usual place at noon, then the rota for the weekend market and the notes for Thursday.';
const BODY = /^bench n=(\d+) t=([\d.]+) ([wm]) /;

export function benchBody(n: number, sentAt: number, phase: Phase): string {
  return `bench n=${n} t=${sentAt.toFixed(3)} ${phase} ${FILLER}`;
}

export function parseBenchBody(body: unknown): { n: number; sentAt: number; phase: Phase } | null {
  const match = typeof body === 'string' ? BODY.exec(body) : null;
  return match ? { n: Number(match[1]), sentAt: Number(match[2]), phase: match[3] as Phase } : null;
}

/** One simulated person: the handshake headers and the streams to subscribe to once `hello` arrives. */
export interface ClientSpec {
  headers: Record<string, string>;
  streams: string[];
}

export interface WorkerSetup {
  url: string;
  origin: string;
  clients: ClientSpec[];
  /** Upper bound of message numbers (sizes the per-message delivery counters). */
  maxMessages: number;
  /** Handshakes in flight at once, per worker. */
  connectConcurrency: number;
}

export type Tally = Record<string, number>;

export interface Connected {
  type: 'connected';
  ok: number;
  failed: Tally;
  seconds: number;
}

/** A worker's results since its previous report (it starts afresh after each); arrays are transferred, not copied. */
export interface WorkerReport {
  type: 'report';
  /** Per message number: how many clients received it at least once (numbers go on across steps). */
  deliveries: Uint16Array;
  /** Measured messages: publish→receive latency (ms) and receive time (clockMs), one entry per first receipt. */
  latencies: Float64Array;
  receivedAt: Float64Array;
  /** Every first receipt's time (clockMs), warm-up messages included. */
  firstReceipts: Float64Array;
  duplicates: number;
  outOfOrder: number;
  /** Frames other than our message.created: by type or event name (hello, subscribed, pong are not counted). */
  otherFrames: Tally;
  errors: Tally;
  closes: Tally;
  lag: LagStats;
}

/** Event loop delay (ms) over the measured window, from monitorEventLoopDelay. */
export interface LagStats {
  p50: number;
  p99: number;
  max: number;
}

export const LAG_RESOLUTION_MS = 10;

/** The histogram records the whole interval between its timer's runs: the delay is what exceeds the resolution. */
export function lagStats(h: ReturnType<typeof monitorEventLoopDelay>): LagStats {
  const late = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
  return { p50: late(h.percentile(50)), p99: late(h.percentile(99)), max: late(h.max) };
}

export type ToWorker = { type: 'measure' } | { type: 'progress'; from: number; to: number } | { type: 'report' } | { type: 'close' };
/** progress: deliveries (first receipts) of the messages numbered from `from` to `to` - 1. */
export type FromWorker = Connected | { type: 'progress'; received: number } | WorkerReport | { type: 'closed' };

/** Asked of a server child over IPC (see probe.ts). */
export type ProbeAsk = { ask: 'memory'; gc: boolean } | { ask: 'lag' } | { ask: 'profile-start' } | { ask: 'profile-stop' } | { ask: 'statements' };

/** SQL statements the server sent since the last ask, by text: how many, and their time from query() to the answer (ms). */
export type StatementCounts = Record<string, { count: number; ms: number }>;

export interface ServerMemory {
  /** MiB. */
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export function tally(into: Tally, key: string, by = 1): void {
  into[key] = (into[key] ?? 0) + by;
}
