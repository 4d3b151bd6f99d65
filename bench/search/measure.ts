// Latency of searchEverything in the search benchmark: a closed loop of N
// clients, each sending its next query as soon as the last one answered,
// until the shape's query count or time cap is reached. A query's latency is
// the whole call (its transaction, every statement, the presenters), as the
// HTTP route would see it before serialising the answer.
import { performance } from 'node:perf_hooks';
import { searchEverything } from '../../server/src/modules/search/reads.ts';
import type { Services } from '../../server/src/services.ts';
import { clockMs } from '../chat/protocol.ts';
import type { Sampler } from '../chat/sampling.ts';
import type { Searcher, Shape } from './workload.ts';

export interface Stats { n: number; p50: number; p95: number; p99: number; max: number }
/** CPU during a run, in % of one core: PostgreSQL (our database's backends and the cluster's own processes), this process, everything else. */
export interface Cpu { postgres: number; bench: number; other: number }
export interface Run extends Stats {
  shape: string; clients: number; perSecond: number; errors: number; firstError: string | null; hitsPerQuery: number; seconds: number; cpu: Cpu | null;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** Query i goes to searcher i mod n, with the shape's (i + ⌊i/n⌋)th words, so searchers and words do not pair up the same way every lap. */
export async function runShape(s: Services, searchers: Searcher[], shape: Shape, clients: number, limits: { queries: number; seconds: number }, sampler?: Sampler): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let hits = 0;
  let next = 0;
  const started = performance.now();
  const startedAt = clockMs();
  const deadline = started + limits.seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < limits.queries && performance.now() < deadline) {
      const i = next++;
      const searcher = searchers[i % searchers.length]!;
      const t0 = performance.now();
      try {
        const answer = await searchEverything(s, searcher.tenant, shape.request(searcher, i + Math.floor(i / searchers.length)));
        latencies.push(performance.now() - t0);
        hits += Object.values(answer).reduce((sum, section) => sum + section.items.length, 0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const used = sampler?.summary(startedAt, clockMs());
  const cpu = used && used.seconds > 0 ? { postgres: used.postgres, bench: used.server, other: Math.max(0, used.machine - used.postgres - used.server) } : null;
  return { shape: shape.name, clients, ...stats(latencies), perSecond: latencies.length / seconds, errors, firstError, hitsPerQuery: hits / Math.max(1, latencies.length), seconds, cpu };
}
