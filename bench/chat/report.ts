// The chat benchmark's printed report: per server, its connections and idle
// memory, then one table row per rate step and the details of each step;
// then the table comparing Ruche with the baseline, and the issue's targets.
import { MAX_IN_FLIGHT } from './publisher.ts';
import type { RunResult, StepResult } from './load.ts';
import type { Tally } from './protocol.ts';

const TARGET_P99_MS = 50;
const TARGET_KIB_PER_CONNECTION = 20;

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const int = (v: number) => Math.round(v).toLocaleString('en');
const pct = (v: number) => v.toFixed(0);
const tallied = (t: Tally) => Object.entries(t).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** RSS (after a full GC) the idle connections added, per connection, KiB. */
export function kibPerConnection(r: RunResult, field: 'rss' | 'heapUsed' = 'rss'): number {
  return ((r.memory.idle[field] - r.memory.before[field]) * 1024) / Math.max(1, r.connected);
}

const failures = (s: StepResult) => Object.entries(s.published.statuses).filter(([k]) => !k.startsWith('2')).reduce((sum, [, v]) => sum + v, 0) + s.published.skipped;
const acceptedPerSecond = (s: StepResult) => s.published.answeredInWindow / s.windowSeconds;
const otherCpu = (s: StepResult) => Math.max(0, s.load.machine - s.load.server - s.load.postgres - s.load.loadTool);

function stepRow(s: StepResult): string[] {
  return [
    String(s.rate), int(acceptedPerSecond(s)), int(s.deliveriesPerSecond),
    ms(s.latency.p50), ms(s.latency.p95), ms(s.latency.p99), ms(s.latency.max), ms(s.ack.p50), ms(s.ack.p99),
    int(s.lost), int(failures(s)), int(s.duplicates), int(s.outOfOrder),
    pct(s.load.server), pct(s.load.postgres), pct(s.load.loadTool), pct(otherCpu(s)), pct(s.load.machine), ms(s.lag.server.p99),
  ];
}
const STEP_HEAD = ['msg/s asked', 'accepted/s', 'deliveries/s', 'p50 ms', 'p95', 'p99', 'max', 'answer p50', 'p99',
  'lost', 'failed', 'dup', 'order', 'CPU% server', 'PG', 'load tool', 'other', 'machine', 'server lag p99'];

function printStepDetails(s: StepResult, name: string): void {
  console.log(`  at ${s.rate} msg/s (measured window ${s.windowSeconds.toFixed(1)} s, drained in ${s.drainSeconds.toFixed(1)} s):`);
  console.log(`    publish answers: ${tallied(s.published.statuses)}${s.published.skipped ? `; not sent (${MAX_IN_FLIGHT} already in flight): ${s.published.skipped}` : ''}`);
  for (const sample of s.published.samples) console.log(`      e.g. ${sample}`);
  console.log(`    deliveries expected ${int(s.expected)}, received ${int(s.received)}, lost ${int(s.lost)}, duplicated ${int(s.duplicates)}, ` +
    `out of order ${int(s.outOfOrder)}, received though the publish failed ${int(s.receivedNotAccepted)}`);
  console.log(`    worst latency of the messages sent in each second of the window (ms): ${s.worstBySecond.map((v) => v.toFixed(0)).join(' ')}`);
  console.log(`    event loop delay p99/max ms: ${name} ${ms(s.lag.server.p99)}/${ms(s.lag.server.max)}, client worker(s) ${ms(s.lag.clients.p99)}/${ms(s.lag.clients.max)}, ` +
    `publisher ${ms(s.lag.publisher.p99)}/${ms(s.lag.publisher.max)}; server CPU max over 1 s ${pct(s.load.serverMax)}%; RSS max ${s.load.serverRssMax.toFixed(0)} MiB, peak so far ${s.peakRss.toFixed(0)} MiB`);
  const perMessage = (cpuPercent: number) => ((cpuPercent * 10) / Math.max(1e-9, acceptedPerSecond(s))).toFixed(2);
  console.log(`    CPU time per accepted message: ${name} ${perMessage(s.load.server)} ms, PostgreSQL ${perMessage(s.load.postgres)} ms, load tool ${perMessage(s.load.loadTool)} ms`);
  if (Object.keys(s.otherFrames).length || Object.keys(s.errors).length || Object.keys(s.closes).length) {
    console.log(`    other frames: ${tallied(s.otherFrames)}; error frames: ${tallied(s.errors)}; closed by the server: ${tallied(s.closes)}`);
  }
  if (s.statements) {
    const accepted = s.published.ackMs.length || 1;
    const all = Object.entries(s.statements).sort((a, b) => b[1].count - a[1].count);
    const count = all.reduce((sum, [, v]) => sum + v.count, 0);
    const time = all.reduce((sum, [, v]) => sum + v.ms, 0);
    console.log(`    SQL: ${int(count)} statements in the window, ${(count / accepted).toFixed(1)} per measured message; per message, most frequent first (count, mean ms seen from the server):`);
    for (const [text, v] of all.slice(0, 24)) console.log(`      ${(v.count / accepted).toFixed(2).padStart(5)}  ${(v.ms / v.count).toFixed(2).padStart(6)}  ${text}`);
    console.log(`      (${((time / count) || 0).toFixed(2)} ms per statement on average)`);
  }
  if (s.profile) {
    const p = s.profile;
    console.log(`    ${name} CPU profile of the window: ${int(p.totalMs)} ms busy, ${int(p.idleMs)} ms idle; self time by place:`);
    for (const place of p.places) console.log(`      ${((100 * place.ms) / p.totalMs).toFixed(1).padStart(5)}%  ${place.name}`);
    console.log('    top functions by self time:');
    for (const f of p.functions) console.log(`      ${((100 * f.ms) / p.totalMs).toFixed(1).padStart(5)}%  ${f.name}`);
    console.log('    native self time by the first caller outside Node\'s modules:');
    for (const f of p.natives) console.log(`      ${((100 * f.ms) / p.totalMs).toFixed(1).padStart(5)}%  ${f.name}`);
  }
}

export function printRun(r: RunResult): void {
  console.log(`\n---- ${r.name}`);
  console.log(`  clients connected and subscribed: ${int(r.connected)} of ${int(r.clients)} in ${r.connectSeconds.toFixed(1)} s` +
    `${Object.keys(r.connectFailed).length ? `; failed: ${tallied(r.connectFailed)}` : ''}`);
  console.log(`  server RSS after a full GC: ${r.memory.before.rss.toFixed(0)} MiB before connecting, ${r.memory.idle.rss.toFixed(0)} MiB with the idle clients: ` +
    `${kibPerConnection(r).toFixed(1)} KiB per idle connection (JS heap ${kibPerConnection(r, 'heapUsed').toFixed(1)} KiB); CPU with idle clients (the last ${r.idle.seconds} s of the idle phase): ` +
    `server ${r.idle.server.toFixed(1)}%, PostgreSQL ${r.idle.postgres.toFixed(1)}% of a core`);
  console.log('  latency: publish (request handed to the HTTP client) → message.created received, every recipient; answer: publish → HTTP answer; CPU in % of one core');
  console.log(table(STEP_HEAD, r.steps.map(stepRow)).replace(/^/gm, '  '));
  for (const s of r.steps) printStepDetails(s, r.name);
}

export function printComparison(baseline: RunResult, ruche: RunResult): void {
  const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(1)}×` : '–');
  const rows: string[][] = [];
  for (const s of ruche.steps) {
    const b = baseline.steps.find((x) => x.rate === s.rate);
    if (!b) continue;
    const line = (label: string, pick: (x: StepResult) => number, show: (v: number) => string) => rows.push([`${label} at ${s.rate} msg/s`, show(pick(b)), show(pick(s)), ratio(pick(b), pick(s))]);
    line('latency p50 (ms)', (x) => x.latency.p50, ms);
    line('latency p99 (ms)', (x) => x.latency.p99, ms);
    line('deliveries/s', (x) => x.deliveriesPerSecond, int);
    line('server CPU (% of a core)', (x) => x.load.server, pct);
    line('server + PostgreSQL CPU (%)', (x) => x.load.server + x.load.postgres, pct);
  }
  rows.push(['server CPU with idle clients (%)', ms(baseline.idle.server), ms(ruche.idle.server), ratio(baseline.idle.server, ruche.idle.server)]);
  rows.push(['RSS per idle connection (KiB)', ms(kibPerConnection(baseline)), ms(kibPerConnection(ruche)), ratio(kibPerConnection(baseline), kibPerConnection(ruche))]);
  rows.push(['connect + subscribe all clients (s)', ms(baseline.connectSeconds), ms(ruche.connectSeconds), ratio(baseline.connectSeconds, ruche.connectSeconds)]);
  console.log(`\n${table(['', 'baseline', 'Ruche', 'Ruche/baseline'], rows)}`);
}

export function printTargets(results: RunResult[]): void {
  const ruche = results.find((r) => r.name === 'Ruche');
  const s = ruche?.steps.at(-1);
  if (!ruche || !s) return;
  const check = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const kib = kibPerConnection(ruche);
  console.log(`\ntargets of issue 4, Ruche at ${int(ruche.clients)} clients and ${s.rate} messages/s (the last step):`);
  console.log(`  all clients connected: ${check(ruche.connected === ruche.clients)} (${int(ruche.connected)})`);
  console.log(`  ${int(s.rate * 10)} deliveries/s: ${check(s.deliveriesPerSecond >= s.rate * 10 * 0.98 && failures(s) === 0)} (${int(s.deliveriesPerSecond)}; ${int(failures(s))} publishes failed or not sent)`);
  console.log(`  p99 ≤ ${TARGET_P99_MS} ms: ${check(s.latency.p99 <= TARGET_P99_MS)} (${ms(s.latency.p99)} ms)`);
  // Loss is an accepted message (2xx) that did not reach a recipient; a refused or unsent publish is a throughput failure, counted above.
  console.log(`  zero loss: ${check(s.lost === 0 && s.duplicates === 0)} (${int(s.lost)} of ${int(s.expected)} deliveries of accepted messages lost, ${int(s.duplicates)} duplicated)`);
  console.log(`  ≤ ${TARGET_KIB_PER_CONNECTION} KiB per idle connection: ${check(kib <= TARGET_KIB_PER_CONNECTION)} (${kib.toFixed(1)} KiB)`);
}
