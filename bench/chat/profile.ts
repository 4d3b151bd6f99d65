// Where a server's CPU went during the measured window: the V8 CPU profile
// (probe.ts takes it) reduced to self time per function and per place
// (a package, one of our source files, Node's internals, garbage collection).
import path from 'node:path';

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled time, the idle loop and the profiler's own answer excluded. */
  totalMs: number;
  idleMs: number;
  functions: Array<{ name: string; ms: number }>;
  places: Array<{ name: string; ms: number }>;
  /** Native self time (syscalls such as writev) by the first caller outside Node's own modules: who asked for it. */
  natives: Array<{ name: string; ms: number }>;
}

const root = path.resolve(import.meta.dirname, '../..');

function place(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const file = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  return path.relative(root, file);
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const askedBy = (id: number): string => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at)!;
      if (callFrame.url && !callFrame.url.startsWith('node:')) return `${callFrame.functionName || '(anonymous)'} ${place(callFrame.url, '')}:${callFrame.lineNumber + 1}`;
    }
    return '(Node itself)';
  };
  const natives = new Map<string, number>();
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') { idle += us; continue; }
    if (callFrame.url === 'node:inspector') continue; // the profiler answering us, at the very end
    const where = place(callFrame.url, callFrame.functionName);
    const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${where}:${callFrame.lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
    if (!callFrame.url && !callFrame.functionName.startsWith('(')) {
      const key = `${callFrame.functionName} ← ${askedBy(id)}`;
      natives.set(key, (natives.get(key) ?? 0) + us);
    }
    places.set(where, (places.get(where) ?? 0) + us);
    total += us;
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, idleMs: idle / 1000, functions: top(functions, 30), places: top(places, 20), natives: top(natives, 12) };
}
