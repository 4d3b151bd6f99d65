// One load run against one server: connect N clients (worker threads) and
// subscribe them, let them sit idle (RSS per idle connection, idle CPU), then
// for each asked rate, one step: publish (warm-up, then the measured window),
// wait for the deliveries to drain, and gather what every worker saw.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { publish, type Conversation, type Published } from './publisher.ts';
import {
  clockMs, LAG_RESOLUTION_MS, lagStats, tally,
  type ClientSpec, type FromWorker, type LagStats, type ServerMemory, type StatementCounts, type Tally, type ToWorker, type WorkerReport, type WorkerSetup,
} from './protocol.ts';
import { Sampler, memoryOf, type CpuSummary } from './sampling.ts';
import type { ServerChild } from './servers.ts';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './profile.ts';

export interface Target {
  name: string;
  server: ServerChild;
  wsUrl: string;
  clients: ClientSpec[];
  conversations: Conversation[];
  /** Recipients of each message (every member of its conversation, its sender included). */
  recipients: number;
  /** Whether the server answers the 'statements' probe. */
  countsStatements: boolean;
  /** The server's database: its backends' CPU counts as PostgreSQL's. */
  database: string | null;
}

export interface LoadOptions {
  rates: number[];
  seconds: number;
  warmupSeconds: number;
  idleSeconds: number;
  drainSeconds: number;
  workers: number;
  sockets: number;
  connectConcurrency: number;
  profile: boolean;
}

export interface Stats { n: number; p50: number; p95: number; p99: number; max: number }

export function stats(samples: ArrayLike<number>): Stats {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

export interface StepResult {
  rate: number;
  load: CpuSummary;
  published: Published;
  windowSeconds: number;
  latency: Stats;
  ack: Stats;
  /** Over every accepted message of the step, warm-up included. */
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  receivedNotAccepted: number;
  deliveriesPerSecond: number;
  /** The worst latency of the messages sent in each second of the window (ms): a stall shows as a run of high values. */
  worstBySecond: number[];
  drainSeconds: number;
  otherFrames: Tally;
  errors: Tally;
  closes: Tally;
  lag: { server: LagStats; clients: LagStats; publisher: LagStats };
  peakRss: number;
  statements: StatementCounts | null;
  profile: ProfileSummary | null;
}

export interface RunResult {
  name: string;
  clients: number;
  connected: number;
  connectFailed: Tally;
  connectSeconds: number;
  memory: { before: ServerMemory; idle: ServerMemory };
  idle: CpuSummary;
  steps: StepResult[];
}

function talk<T extends FromWorker['type']>(worker: Worker, type: T, message?: ToWorker): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: FromWorker) => {
      if (answer.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(answer as Extract<FromWorker, { type: T }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    if (message) worker.postMessage(message);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The server's memory after full collections, once RSS stops moving: right
 * after a burst of work V8 still holds pages it gives back a few seconds
 * later, and a reading then would make the baseline of a difference too high.
 */
async function settledMemory(server: ServerChild): Promise<ServerMemory> {
  let last = await server.ask<ServerMemory>({ ask: 'memory', gc: true });
  for (let steady = 0, tries = 0; steady < 3 && tries < 30; tries++) {
    await sleep(1000);
    const now = await server.ask<ServerMemory>({ ask: 'memory', gc: true });
    steady = Math.abs(now.rss - last.rss) < 0.5 ? steady + 1 : 0;
    last = now;
  }
  return last;
}
const messagesOf = (rate: number, o: LoadOptions) => Math.ceil(rate * (o.warmupSeconds + o.seconds));

export async function runLoad(target: Target, o: LoadOptions, log: (line: string) => void): Promise<RunResult> {
  const { server } = target;
  const before = await settledMemory(server);
  const maxMessages = o.rates.reduce((sum, rate) => sum + messagesOf(rate, o), 0);
  const workers = Array.from({ length: o.workers }, (_, w) => {
    const setup: WorkerSetup = {
      url: target.wsUrl, origin: new URL(server.base).origin, maxMessages,
      clients: target.clients.filter((_c, i) => i % o.workers === w), connectConcurrency: Math.ceil(o.connectConcurrency / o.workers),
    };
    return new Worker(new URL('./clients.ts', import.meta.url), { workerData: setup });
  });
  const sampler = new Sampler(server.pid, target.database);
  try {
    log(`  connecting ${target.clients.length} clients (${o.workers} worker thread(s), ${o.connectConcurrency} handshakes at a time)…`);
    const connected = await Promise.all(workers.map((w) => talk(w, 'connected')));
    const ok = connected.reduce((sum, c) => sum + c.ok, 0);
    const connectFailed: Tally = {};
    for (const c of connected) for (const [k, v] of Object.entries(c.failed)) tally(connectFailed, k, v);
    const connectSeconds = Math.max(...connected.map((c) => c.seconds));
    log(`  ${ok} connected and subscribed in ${connectSeconds.toFixed(1)} s${Object.keys(connectFailed).length ? `; failed: ${JSON.stringify(connectFailed)}` : ''}`);

    // Idle CPU over the idle phase's last 30 s at most: by then, Ruche re-verifies each connection (every
    // 45 to 75 s after it opened, REALTIME_REAUTH_SECONDS=60) at its steady rate, as it does during the steps.
    sampler.start();
    const idleFrom = clockMs() + Math.max(0, o.idleSeconds - 30) * 1000;
    await sleep(o.idleSeconds * 1000);
    const idleTo = clockMs();
    const idle = await settledMemory(server);
    log(`  idle ${o.idleSeconds} s: server CPU ${sampler.summary(idleFrom, idleTo).server.toFixed(1)}% of a core, RSS ${idle.rss.toFixed(0)} MiB after GC (${before.rss.toFixed(0)} before connecting)`);
    const steps: StepResult[] = [];
    let firstNumber = 0;
    for (const rate of o.rates) {
      log(`  step: ${rate} msg/s (${o.warmupSeconds} s warm-up, ${o.seconds} s measured)…`);
      steps.push(await step(target, workers, sampler, o, rate, firstNumber));
      firstNumber += messagesOf(rate, o);
      const s = steps.at(-1)!;
      log(`    accepted ${(s.published.answeredInWindow / s.windowSeconds).toFixed(0)} msg/s, ${s.deliveriesPerSecond.toFixed(0)} deliveries/s, ` +
        `p50 ${s.latency.p50.toFixed(1)} / p99 ${s.latency.p99.toFixed(1)} ms, lost ${s.lost}, server CPU ${s.load.server.toFixed(0)}%`);
      if (server.exited()) break;
    }
    return {
      name: target.name, clients: target.clients.length, connected: ok, connectFailed, connectSeconds,
      memory: { before, idle }, idle: sampler.summary(idleFrom, idleTo), steps,
    };
  } finally {
    sampler.stop();
    await Promise.all(workers.map((w) => talk(w, 'closed', { type: 'close' }).catch(() => undefined)));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function step(target: Target, workers: Worker[], sampler: Sampler, o: LoadOptions, rate: number, firstNumber: number): Promise<StepResult> {
  const { server } = target;
  const mainLag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  mainLag.enable();
  let started: Promise<unknown> = Promise.resolve();
  const published = await publish({
    base: server.base, conversations: target.conversations, firstNumber, rate, warmupSeconds: o.warmupSeconds, seconds: o.seconds, sockets: o.sockets,
    onMeasureStart() {
      mainLag.reset();
      for (const w of workers) w.postMessage({ type: 'measure' } satisfies ToWorker);
      started = Promise.all([
        server.ask({ ask: 'lag' }),
        target.countsStatements ? server.ask({ ask: 'statements' }) : null,
        o.profile ? server.ask({ ask: 'profile-start' }) : null,
      ]);
    },
  });
  const { from, to } = published.window;
  await started;
  const serverLag = await server.ask<LagStats>({ ask: 'lag' });
  const statements = target.countsStatements ? await server.ask<StatementCounts>({ ask: 'statements' }) : null;
  const profile = o.profile ? summariseProfile(await server.ask<CpuProfile>({ ask: 'profile-stop' })) : null;
  const publisherLag = lagStats(mainLag);
  mainLag.disable();

  // Drain: until every accepted message reached its recipients, or the time is up.
  const accepted = published.accepted.reduce((sum, a) => sum + a, 0);
  const expected = accepted * target.recipients;
  const range = { from: firstNumber, to: firstNumber + published.sent };
  const drainStart = clockMs();
  for (;;) {
    const progress = await Promise.all(workers.map((w) => talk(w, 'progress', { type: 'progress', ...range })));
    if (progress.reduce((sum, p) => sum + p.received, 0) >= expected || clockMs() - drainStart > o.drainSeconds * 1000) break;
    await sleep(100);
  }
  const drainSeconds = (clockMs() - drainStart) / 1000;

  const reports = await Promise.all(workers.map((w) => talk(w, 'report', { type: 'report' }))) as WorkerReport[];
  const deliveries = new Uint32Array(published.sent);
  const latencies: number[] = [];
  const worstBySecond: number[] = [];
  let inWindow = 0;
  const merged = { duplicates: 0, outOfOrder: 0, otherFrames: {} as Tally, errors: {} as Tally, closes: {} as Tally };
  for (const r of reports) {
    for (let k = 0; k < published.sent; k++) deliveries[k]! += r.deliveries[firstNumber + k]!;
    for (let i = 0; i < r.latencies.length; i++) {
      const latency = r.latencies[i]!;
      latencies.push(latency);
      const second = Math.floor((r.receivedAt[i]! - latency - from) / 1000);
      if (second >= 0) worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, latency);
    }
    for (const at of r.firstReceipts) if (at >= from && at <= to) inWindow++;
    merged.duplicates += r.duplicates;
    merged.outOfOrder += r.outOfOrder;
    for (const key of ['otherFrames', 'errors', 'closes'] as const) for (const [k, v] of Object.entries(r[key])) tally(merged[key], k, v);
  }
  let received = 0;
  let lost = 0;
  let receivedNotAccepted = 0;
  for (let k = 0; k < published.sent; k++) {
    if (published.accepted[k]) {
      received += Math.min(deliveries[k]!, target.recipients);
      lost += Math.max(0, target.recipients - deliveries[k]!);
    } else if (deliveries[k]! > 0) receivedNotAccepted++;
  }
  const windowSeconds = (to - from) / 1000;
  const worst = (pick: (l: LagStats) => number) => Math.max(...reports.map((r) => pick(r.lag)));
  return {
    rate, load: sampler.summary(from, to), published, windowSeconds, latency: stats(latencies), ack: stats(published.ackMs),
    expected, received, lost, receivedNotAccepted, duplicates: merged.duplicates, outOfOrder: merged.outOfOrder,
    deliveriesPerSecond: inWindow / windowSeconds, worstBySecond: Array.from(worstBySecond, (v) => v ?? 0), drainSeconds,
    otherFrames: merged.otherFrames, errors: merged.errors, closes: merged.closes,
    lag: { server: serverLag, clients: { p50: worst((l) => l.p50), p99: worst((l) => l.p99), max: worst((l) => l.max) }, publisher: publisherLag },
    peakRss: memoryOf(server.pid, 'VmHWM'), statements, profile,
  };
}
