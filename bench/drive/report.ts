// The drive benchmark's tables: one per store (every phase, with the server's
// CPU and RSS), then the two stores side by side. MB are 10^6 bytes; RSS is
// in MiB, as /proc reports it.
import { mbps, type Phase, type StoreResult } from './phases.ts';

const STORE_NAMES = { fs: 'filesystem (DATA_DIR/files)', s3: 'S3 (s3rver on loopback, in its own process)' };

/** Nearest-rank percentile (with 3 samples, p95 is the largest). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const size = (bytes: number) => (bytes >= 1e6 ? `${+(bytes / 1e6).toFixed(1)} MB` : `${bytes / 1024} KiB`);
const ms = (value: number) => (value >= 1000 ? value.toFixed(0) : value.toFixed(1));
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

export function printStore(result: StoreResult, log: (line: string) => void): void {
  log(`\n== ${STORE_NAMES[result.store]}: server RSS ${result.rssReady.toFixed(0)} MiB after the warm-up`);
  const s3 = result.store === 's3';
  const widths = [34, 5, 7, 9, 9, 8, 8, ...(s3 ? [10] : []), 9, 11, 10, 8, 14];
  log(pad(['phase', 'n', 'size', 'p50 ms', 'p95 ms', 'MB/s', 'CPU s', ...(s3 ? ['s3rver s'] : []), 'other %', 'RSS before', 'RSS peak', 'Δ MiB', 'peaks by half'], widths));
  const seen = new Map<string, number>();
  for (const phase of result.phases) {
    const repeat = result.phases.filter((p) => p.name === phase.name && p.bytesEach === phase.bytesEach).length > 1;
    const index = (seen.get(phase.name + phase.bytesEach) ?? 0) + 1;
    seen.set(phase.name + phase.bytesEach, index);
    log(pad([
      `${phase.name}${repeat ? ` #${index}` : ''}`, String(phase.count), size(phase.bytesEach),
      ms(percentile(phase.latencies, 50)), ms(percentile(phase.latencies, 95)), mbps(phase.count * phase.bytesEach, phase.wallMs).toFixed(1),
      phase.cpuSeconds.toFixed(2), ...(s3 ? [phase.s3CpuSeconds?.toFixed(2) ?? '—'] : []), phase.otherCpuPercent.toFixed(0), phase.rssBefore.toFixed(0), phase.rssPeak.toFixed(0), `+${(phase.rssPeak - phase.rssBefore).toFixed(0)}`,
      // Under a second, GC's saw-tooth says more than any trend.
      phase.wallMs < 1000 ? '—' : `${phase.rssHalves[0].toFixed(0)} / ${phase.rssHalves[1].toFixed(0)}`,
    ], widths) + (phase.note ? `   (${phase.note})` : ''));
  }
  const gaps = Math.max(...result.phases.map((p) => p.maxGapMs));
  log(`RSS sampled every 50 ms (${result.phases.reduce((n, p) => n + p.rssSamples, 0)} samples, longest gap ${gaps.toFixed(0)} ms); ` +
    "'RSS before' is the median over 0.5 s just before the phase; 'peaks by half' are the RSS peaks of the phase's first and second halves, for phases over 1 s " +
    "(if memory grew with the bytes moved, the second would be higher); CPU s is the Ruche server's user + system time during the phase" +
    `${s3 ? ", s3rver s that of s3rver's process" : ''}; other % is the CPU used by every other process (PostgreSQL included), in % of one core.`);
  for (const check of result.checks) log(`  ok: ${check}`);
}

/** --trace: the RSS series of the phases that moved large files, one reading every 200 ms. */
export function printTrace(result: StoreResult, largeBytes: number, log: (line: string) => void): void {
  for (const phase of result.phases.filter((p) => p.bytesEach === largeBytes)) {
    const readings = phase.rssSeries.filter((_, i) => i % 4 === 0).map(([t, rss]) => `${(t / 1000).toFixed(1)}s ${rss.toFixed(0)}`);
    log(`RSS (MiB) during ${phase.name}: ${readings.join(', ')}`);
  }
}

interface Row { label: string; value: (r: StoreResult) => string }

function phasesOf(r: StoreResult, prefix: string, bytes: number): Phase[] {
  return r.phases.filter((p) => p.name.startsWith(prefix) && p.bytesEach === bytes);
}

/** Throughput of several phases together: all their bytes over all their time. */
function overall(phases: Phase[]): string {
  if (phases.length === 0) return '—';
  const bytes = phases.reduce((n, p) => n + p.count * p.bytesEach, 0);
  return mbps(bytes, phases.reduce((n, p) => n + p.wallMs, 0)).toFixed(1);
}

function latency(phases: Phase[]): string {
  const all = phases.flatMap((p) => p.latencies);
  return all.length === 0 ? '—' : `${ms(percentile(all, 50))} / ${ms(percentile(all, 95))}`;
}

export function printSummary(results: StoreResult[], o: { smallBytes: number; largeBytes: number; rangeBytes: number }, log: (line: string) => void): void {
  const s = size(o.smallBytes);
  const l = size(o.largeBytes);
  const growth = (phases: Phase[]) => (phases.length === 0 ? '—'
    : `${Math.max(...phases.map((p) => p.rssPeak - p.rssBefore)).toFixed(0)} MiB (${Math.min(...phases.map((p) => p.rssBefore)).toFixed(0)} → ${Math.max(...phases.map((p) => p.rssPeak)).toFixed(0)})`);
  const rows: Row[] = [
    { label: `upload ${s}, POST /files: p50 / p95 ms`, value: (r) => latency(phasesOf(r, 'upload, POST', o.smallBytes)) },
    { label: `upload ${s}, POST /files: MB/s`, value: (r) => overall(phasesOf(r, 'upload, POST', o.smallBytes)) },
    { label: `download ${s}: p50 / p95 ms`, value: (r) => latency(phasesOf(r, 'download, GET', o.smallBytes)) },
    { label: `download ${s}: MB/s`, value: (r) => overall(phasesOf(r, 'download, GET', o.smallBytes)) },
    { label: `upload ${l}, POST /files: MB/s`, value: (r) => overall(phasesOf(r, 'upload, POST', o.largeBytes)) },
    { label: `upload ${l}, chunked 8 MiB parts: MB/s`, value: (r) => overall(phasesOf(r, 'upload, chunked', o.largeBytes)) },
    { label: `download ${l}: MB/s`, value: (r) => overall(phasesOf(r, 'download', o.largeBytes)) },
    { label: `range ${size(o.rangeBytes)}: p50 / p95 ms`, value: (r) => latency(phasesOf(r, 'range', o.rangeBytes)) },
    { label: `RSS growth, ${l} POST /files (worst)`, value: (r) => growth(phasesOf(r, 'upload, POST', o.largeBytes)) },
    { label: `RSS growth, ${l} chunked (worst)`, value: (r) => growth(phasesOf(r, 'upload, chunked', o.largeBytes)) },
    { label: `RSS growth, ${l} downloads`, value: (r) => growth(phasesOf(r, 'download', o.largeBytes)) },
  ];
  const widths = [42, ...results.map(() => 26)];
  log('\n==== summary (MB = 10^6 bytes; one client, one request at a time)');
  log(pad(['', ...results.map((r) => (r.store === 'fs' ? 'filesystem' : 'S3 (s3rver)'))], widths));
  for (const row of rows) log(pad([row.label, ...results.map(row.value)], widths));
}
