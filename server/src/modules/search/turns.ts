// Searches take turns (decision 0010). A search is a burst of CPU in
// PostgreSQL; run all at once, ten searches on two cores share them and each
// takes five times its own cost, the costliest the longest, and they hold
// every connection of the pool while chat and feed writes wait. Admitted a
// few at a time (about the cores), each runs at full speed once its turn
// comes: the same throughput, a shorter tail, and connections left for the
// rest of the application. Turns go round the instances waiting, so one
// instance's burst of searches delays another's by at most one turn each;
// an instance with too many searches waiting is told to retry.
import type { SearchConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';

export const searchBusy = () =>
  new AppError(503, 'search_busy', 'Too many searches are waiting in this organisation: try again in a moment.', { headers: { 'retry-after': '1' } });
/** Never seen by its client, who has left; named for the logs. */
const searchAbandoned = () => new AppError(499, 'search_abandoned', 'The client left before its search had its turn.');

export class SearchTurns {
  private readonly limits: SearchConfig;
  private running = 0;
  /** Waiting searches by instance, the instances in turn order (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(limits: SearchConfig) {
    this.limits = limits;
  }

  /** Searches waiting their turn, every instance together. */
  get queued(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  /** Runs `search` once it has its turn; `gone` aborting first drops it from the line. */
  async run<T>(instanceId: string, gone: AbortSignal | undefined, search: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) this.running += 1;
    else await this.wait(instanceId, gone);
    try {
      return await search();
    } finally {
      this.next();
    }
  }

  private wait(instanceId: string, gone: AbortSignal | undefined): Promise<void> {
    if (gone?.aborted) return Promise.reject(searchAbandoned());
    const queue = this.waiting.get(instanceId) ?? [];
    if (queue.length >= this.limits.queuePerInstance) return Promise.reject(searchBusy());
    this.waiting.set(instanceId, queue);
    return new Promise((resolve, reject) => {
      const leave = () => {
        queue.splice(queue.indexOf(turn), 1);
        if (queue.length === 0 && this.waiting.get(instanceId) === queue) this.waiting.delete(instanceId);
        reject(searchAbandoned());
      };
      const turn = () => {
        gone?.removeEventListener('abort', leave);
        resolve();
      };
      queue.push(turn);
      gone?.addEventListener('abort', leave, { once: true });
    });
  }

  /** A search ended: its place goes to the first instance in turn, which then goes to the back of the line. */
  private next(): void {
    const first = this.waiting.entries().next();
    if (first.done) {
      this.running -= 1;
      return;
    }
    const [instanceId, queue] = first.value;
    this.waiting.delete(instanceId);
    if (queue.length > 1) this.waiting.set(instanceId, queue);
    queue.shift()!();
  }
}
