// CPU and memory of the processes under test, read from /proc once a second:
// the server child, PostgreSQL (our database's backends and the cluster's
// background processes: the cluster runs on this machine), the load generator
// (this process, all its threads) and the whole machine, so the report can
// say how the cores were shared.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { clockMs } from './protocol.ts';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process (all its threads), in seconds; 0 once it is gone. */
function cpuSeconds(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** VmRSS or VmHWM of a process, MiB. */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
}

/**
 * PostgreSQL processes that work for us: the backends connected to our
 * database (their title names it) and the cluster's own background
 * processes (WAL writer, checkpointer…). Backends of other databases (other
 * people's tests on a shared cluster) are left out: they count as "other".
 */
function postgresPids(database: string | null): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) return false;
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const backend = /\(\d+\)|\[local\]/.test(title);
      return !backend || (database !== null && title.includes(` ${database} `));
    } catch {
      return false;
    }
  });
}

/** Busy and total jiffies of all CPUs. */
function machineTicks(): { busy: number; total: number } {
  const values = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3]! + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** One second's share of CPU, in % of one core (the machine: of all cores). */
export interface CpuSample { at: number; server: number; postgres: number; loadTool: number; machine: number; serverRss: number }

export interface CpuSummary { seconds: number; server: number; serverMax: number; postgres: number; loadTool: number; machine: number; cores: number; serverRssMax: number }

export class Sampler {
  readonly samples: CpuSample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly serverPid: number;
  private readonly database: string | null;

  constructor(serverPid: number, database: string | null) {
    this.serverPid = serverPid;
    this.database = database;
  }

  start(): void {
    // Per backend, so that one the server's pool opens mid-run counts from its start (it is at most a second old).
    let pgLast = new Map(postgresPids(this.database).map((pid) => [pid, cpuSeconds(pid)]));
    const read = () => ({ at: clockMs(), server: cpuSeconds(this.serverPid), loadTool: cpuSeconds('self'), machine: machineTicks() });
    let last = read();
    this.timer = setInterval(() => {
      const now = read();
      const pgNow = new Map(postgresPids(this.database).map((pid) => [pid, cpuSeconds(pid)]));
      let pgDelta = 0;
      for (const [pid, used] of pgNow) pgDelta += used - (pgLast.get(pid) ?? 0);
      const seconds = (now.at - last.at) / 1000;
      const share = (a: number, b: number) => (100 * (a - b)) / seconds;
      this.samples.push({
        at: now.at, server: share(now.server, last.server), postgres: (100 * pgDelta) / seconds,
        loadTool: share(now.loadTool, last.loadTool),
        machine: (100 * cpus().length * (now.machine.busy - last.machine.busy)) / (now.machine.total - last.machine.total),
        serverRss: memoryOf(this.serverPid),
      });
      last = now;
      pgLast = pgNow;
    }, 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Means over the samples that ended inside [from, to] (clockMs). */
  summary(from: number, to: number): CpuSummary {
    const inside = this.samples.filter((s) => s.at > from + 500 && s.at <= to + 500);
    const mean = (pick: (s: CpuSample) => number) => inside.reduce((sum, s) => sum + pick(s), 0) / Math.max(1, inside.length);
    return {
      seconds: inside.length, server: mean((s) => s.server), serverMax: Math.max(0, ...inside.map((s) => s.server)),
      postgres: mean((s) => s.postgres), loadTool: mean((s) => s.loadTool), machine: mean((s) => s.machine), cores: cpus().length,
      serverRssMax: Math.max(0, ...inside.map((s) => s.serverRss)),
    };
  }
}

/** How busy the machine is before we start (% of all cores over `ms`): a busy machine makes every figure worse. */
export async function machineBusy(ms: number): Promise<number> {
  const a = machineTicks();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineTicks();
  return (100 * cpus().length * (b.busy - a.busy)) / (b.total - a.total);
}
