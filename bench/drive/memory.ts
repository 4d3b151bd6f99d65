// The server's memory and CPU around each phase. RSS is read from
// /proc/<pid>/status every 50 ms by a worker thread, so the samples keep
// their pace while the client's main thread is busy streaming; the largest
// gap between two samples is reported to show that they did.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { memoryOf } from '../chat/sampling.ts';

export const SAMPLE_EVERY_MS = 50;

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Busy and total jiffies of all CPUs together, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - values[3]! - (values[4] ?? 0), total };
}

/** This process's CPU time (all its threads), in seconds. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export const rssMiB = (pid: number) => memoryOf(pid);

/** The server's RSS once it has settled: the median of 10 readings over half a second. */
export async function settledRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 10; i++) {
    readings.push(rssMiB(pid));
    await new Promise((r) => setTimeout(r, SAMPLE_EVERY_MS));
  }
  return readings.sort((a, b) => a - b)[5]!;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const read = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + workerData.pid + '/status', 'utf8'))[1]) / 1024;
let peak = 0, samples = 0, last = performance.now(), maxGap = 0, stopped = false;
const series = [];
const start = performance.now();
function tick() {
  if (stopped) return;
  const now = performance.now();
  if (samples > 0) maxGap = Math.max(maxGap, now - last);
  last = now;
  try { const rss = read(); peak = Math.max(peak, rss); samples++; series.push([now - start, rss]); } catch {}
  setTimeout(tick, workerData.every);
}
parentPort.on('message', () => { stopped = true; parentPort.postMessage({ peak, samples, maxGap, series }); });
tick();
`;

export interface RssWatch {
  peak: number;
  samples: number;
  maxGapMs: number;
  /** [ms since the start, RSS MiB] every SAMPLE_EVERY_MS. */
  series: Array<[number, number]>;
}

/** Samples the RSS of `pid` until the returned function is called; it answers the peak. */
export function watchRss(pid: number): () => Promise<RssWatch> {
  const worker = new Worker(WORKER, { eval: true, workerData: { pid, every: SAMPLE_EVERY_MS } });
  return async () => {
    const answer = new Promise<{ peak: number; samples: number; maxGap: number; series: Array<[number, number]> }>((resolve) => worker.once('message', resolve));
    worker.postMessage('stop');
    const { peak, samples, maxGap, series } = await answer;
    await worker.terminate();
    return { peak, samples, maxGapMs: maxGap, series };
  };
}
