// A worker thread holding a share of the simulated people: one WebSocket each,
// subscribed to its streams, recording for every `message.created` it gets the
// receive time (read before the frame is parsed) and whether it already had
// that message (duplicate) or a later one of that stream (out of order).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { clockMs, LAG_RESOLUTION_MS, lagStats, parseBenchBody, tally, type FromWorker, type Tally, type ToWorker, type WorkerReport, type WorkerSetup } from './protocol.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let deliveries = new Uint16Array(setup.maxMessages);
let latencies: number[] = [];
let receivedAt: number[] = [];
let firstReceipts: number[] = []; // every message's, warm-up included: deliveries per second
let otherFrames: Tally = {};
let errors: Tally = {};
let closes: Tally = {};
const connectFailures: Tally = {};
let duplicates = 0;
let outOfOrder = 0;
let closing = false; // closes from then on are ours
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();

interface Frame {
  type: string;
  stream?: string;
  seq?: number;
  event?: string;
  code?: string;
  reason?: string;
  data?: { message?: { body?: string } };
}

const sockets: WebSocket[] = [];

/** Opens one client and resolves once all its streams are subscribed (or it failed: the reason is tallied). */
function connect(index: number): Promise<boolean> {
  const spec = setup.clients[index]!;
  const seen = new Set<number>();
  const lastSeq = new Map<string, number>();
  let pending = spec.streams.length;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean, reason?: string) => {
      if (settled) return;
      settled = true;
      if (!ok) tally(connectFailures, reason ?? 'unknown');
      resolve(ok);
    };
    const socket = new WebSocket(setup.url, { headers: spec.headers, origin: setup.origin, perMessageDeflate: false, handshakeTimeout: 30_000 });
    sockets.push(socket);
    const timer = setTimeout(() => { settle(false, 'not subscribed within 60 s'); socket.terminate(); }, 60_000);
    socket.on('unexpected-response', (_req, res) => { settle(false, `HTTP ${res.statusCode}`); socket.terminate(); });
    socket.on('error', (error: Error & { code?: string }) => {
      if (settled && !closing) tally(errors, `socket: ${error.code ?? error.message}`);
      settle(false, error.code ?? error.message);
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      if (!closing) tally(closes, String(code));
      settle(false, `closed ${code}`);
    });
    socket.on('message', (data) => {
      const at = clockMs();
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type === 'event' && frame.event === 'message.created') {
        const bench = parseBenchBody(frame.data?.message?.body);
        if (!bench) return tally(otherFrames, 'message.created (not ours)');
        if (seen.has(bench.n)) { duplicates++; return; }
        seen.add(bench.n);
        const previous = lastSeq.get(frame.stream!) ?? -1;
        if (frame.seq! <= previous) outOfOrder++;
        else lastSeq.set(frame.stream!, frame.seq!);
        if (bench.n < deliveries.length) deliveries[bench.n]!++;
        firstReceipts.push(at);
        if (bench.phase === 'm') { latencies.push(at - bench.sentAt); receivedAt.push(at); }
        return;
      }
      switch (frame.type) {
        case 'hello':
          for (const stream of spec.streams) socket.send(JSON.stringify({ type: 'subscribe', stream }));
          return;
        case 'subscribed':
          lastSeq.set(frame.stream!, frame.seq ?? 0);
          if (--pending === 0) { clearTimeout(timer); settle(true); }
          return;
        case 'pong':
          return;
        case 'error':
          tally(errors, `frame: ${frame.code}`);
          return settle(false, `error frame ${frame.code}`);
        default:
          tally(otherFrames, frame.type === 'event' ? String(frame.event) : `${frame.type}${frame.reason ? ` (${frame.reason})` : ''}`);
      }
    });
  });
}

async function connectAll(): Promise<void> {
  const started = clockMs();
  let next = 0;
  let ok = 0;
  await Promise.all(Array.from({ length: Math.min(setup.connectConcurrency, setup.clients.length) }, async () => {
    while (next < setup.clients.length) if (await connect(next++)) ok++;
  }));
  send({ type: 'connected', ok, failed: connectFailures, seconds: (clockMs() - started) / 1000 });
}

async function closeAll(): Promise<void> {
  closing = true;
  const open = sockets.filter((s) => s.readyState === WebSocket.OPEN || s.readyState === WebSocket.CONNECTING);
  const closed = open.map((s) => new Promise((resolve) => s.once('close', resolve)));
  for (const socket of open) socket.close(1000);
  await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  for (const socket of sockets) socket.terminate();
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'measure':
      lag.reset();
      return;
    case 'progress': {
      let received = 0;
      for (let n = message.from; n < message.to; n++) received += deliveries[n]!;
      return send({ type: 'progress', received });
    }
    case 'report': {
      const l = new Float64Array(latencies);
      const r = new Float64Array(receivedAt);
      const f = new Float64Array(firstReceipts);
      const report: WorkerReport = { type: 'report', deliveries, latencies: l, receivedAt: r, firstReceipts: f, duplicates, outOfOrder, otherFrames, errors, closes, lag: lagStats(lag) };
      send(report, [deliveries.buffer as ArrayBuffer, l.buffer, r.buffer, f.buffer]);
      deliveries = new Uint16Array(setup.maxMessages);
      latencies = [];
      receivedAt = [];
      firstReceipts = [];
      otherFrames = {};
      errors = {};
      closes = {};
      duplicates = 0;
      outOfOrder = 0;
      return;
    }
    case 'close':
      void closeAll().then(() => send({ type: 'closed' }));
  }
});

await connectAll();
