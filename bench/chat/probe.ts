// Installed in each server child (Ruche's and the baseline's): answers the
// benchmark over IPC with the process's memory (optionally after a full
// collection, so that idle RSS per connection is not a matter of when the
// collector last ran), its event loop delay since the last ask, and a CPU
// profile of a window the benchmark chooses.
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LAG_RESOLUTION_MS, lagStats, type LagStats, type ProbeAsk, type ServerMemory } from './protocol.ts';

/** Extra questions a child answers (Ruche's: the statements it sent). */
export type ProbeExtras = Partial<Record<'statements', () => unknown>>;

export function installProbe(extras: ProbeExtras = {}): void {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  let profiler: Session | null = null;
  const mib = (bytes: number) => bytes / 1_048_576;

  process.on('message', (message: ProbeAsk) => {
    void (async () => {
      switch (message.ask) {
        case 'memory': {
          if (message.gc) {
            const gc = (globalThis as { gc?: () => void }).gc;
            if (!gc) throw new Error('the server child needs --expose-gc');
            gc();
            gc();
          }
          const m = process.memoryUsage();
          const answer: ServerMemory = { rss: mib(m.rss), heapUsed: mib(m.heapUsed), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers) };
          return answer;
        }
        case 'lag': {
          const answer: LagStats = lagStats(lag);
          lag.reset();
          return answer;
        }
        case 'profile-start':
          profiler = new Session();
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
          await profiler.post('Profiler.start');
          return true;
        case 'statements':
          return extras.statements?.() ?? null;
        case 'profile-stop': {
          if (!profiler) return null;
          const { profile } = await profiler.post('Profiler.stop');
          profiler.disconnect();
          profiler = null;
          return profile;
        }
      }
    })().then((answer) => process.send!({ answer }), (error: unknown) => process.send!({ error: String(error) }));
  });
}
