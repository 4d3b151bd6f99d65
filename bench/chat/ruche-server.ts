// The Ruche server as `ruche serve` runs it (serve() with the configuration
// from the environment), plus the benchmark's probe on IPC, which can also
// tell the SQL statements sent since it last asked (every statement of the
// process, requests, WebSocket handling and jobs alike), with their time
// seen from the server: query() to the answer, pool and network included.
// Forked by bench/chat/servers.ts with --expose-gc.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../../server/src/config.ts';
import { serve } from '../../server/src/main.ts';
import { installProbe } from './probe.ts';
import type { StatementCounts } from './protocol.ts';

let statements: StatementCounts = {};
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const raw = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text ?? '?';
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, 100);
  const started = performance.now();
  const result = query.apply(this, args);
  const count = () => {
    const entry = statements[text] ?? (statements[text] = { count: 0, ms: 0 });
    entry.count++;
    entry.ms += performance.now() - started;
  };
  if (result instanceof Promise) result.then(count, count);
  return result;
} as typeof pg.Client.prototype.query;

installProbe({
  statements: () => {
    const answer = statements;
    statements = {};
    return answer;
  },
});
await serve(loadConfig());
