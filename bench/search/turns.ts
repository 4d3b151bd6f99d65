// What taking turns does (decision 0010), measured in the same run: 10
// clients searching every kind, with searches taking turns as the server's
// settings say and with all ten at once, in alternation, while one chat
// member sends a message (sendMessage, the real action) every 10 ms. For the
// searches: latency and throughput; for chat: how long a send takes while the
// searches run. Runs after the plans and before the writes: its messages are
// never searched, and the writes measure their own.
import { performance } from 'node:perf_hooks';
import { sendMessage } from '../../server/src/modules/chat/actions.ts';
import { SearchTurns } from '../../server/src/modules/search/turns.ts';
import type { Services } from '../../server/src/services.ts';
import type { Sampler } from '../chat/sampling.ts';
import { runShape, stats, type Run, type Stats } from './measure.ts';
import type { Searcher, Shape } from './workload.ts';
import type { Writer } from './writes.ts';

export interface TurnsRun { concurrency: number; searches: Run; sends: Stats & { perSecond: number } }

const CLIENTS = 10;
const SEND_EVERY_MS = 10;

/** The shape's searches as the reads' runs make them (measure.ts), while one writer sends a message every 10 ms. */
async function run(s: Services, searchers: Searcher[], writers: Writer[], shape: Shape, seconds: number, sampler?: Sampler) {
  const deadline = performance.now() + seconds * 1000;
  const sent: number[] = [];
  const chatting = async () => {
    for (let k = 0; performance.now() < deadline; k++) {
      const writer = writers[k % writers.length]!;
      const t0 = performance.now();
      await sendMessage(s, writer.tenant, writer.conversationId, { body: `bench: a message sent during searches, ${k}` });
      sent.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, SEND_EVERY_MS));
    }
  };
  const started = performance.now();
  const [searches] = await Promise.all([runShape(s, searchers, shape, CLIENTS, { queries: Number.MAX_SAFE_INTEGER, seconds }, sampler), chatting()]);
  return { searches, sends: { ...stats(sent), perSecond: sent.length / ((performance.now() - started) / 1000) } };
}

/** Each shape twice with turns (the server's setting) and twice all at once, alternating, `seconds` each. */
export async function measureTurns(s: Services, searchers: Searcher[], writers: Writer[], shapes: Shape[], seconds: number, sampler?: Sampler): Promise<TurnsRun[]> {
  const settings = [s.config.search.concurrency, CLIENTS];
  const runs: TurnsRun[] = [];
  for (const shape of shapes) {
    for (let round = 0; round < 4; round++) {
      const concurrency = settings[round % 2]!;
      const turns = new SearchTurns({ concurrency, queuePerInstance: s.config.search.queuePerInstance });
      runs.push({ concurrency, ...(await run({ ...s, searches: turns }, searchers, writers, shape, seconds, sampler)) });
    }
  }
  return runs;
}
