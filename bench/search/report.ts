// What the search benchmark prints: sizes of the searched tables and of
// search_entries and its indexes, the latency table, the plans, the write costs, and whether
// the issue's target (p95 ≤ 50 ms at 1M messages) is met.
import type pg from 'pg';
import type { Explained } from './explain.ts';
import type { Run } from './measure.ts';
import { ENTRIES, SEARCHED_TABLES, type SeedReport } from './seed.ts';
import type { TurnsRun } from './turns.ts';
import type { WriteReport } from './writes.ts';

export const TARGET_P95_MS = 50;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
export const int = (value: number) => Math.round(value).toLocaleString('en');
const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The searched tables (rows, heap with TOAST, all indexes, mean size of a text and, where the table keeps one, of
 * its vector), then search_entries by kind (entries, mean vector, the GIN indexes holding them) and as a whole.
 */
export async function printSizes(db: pg.ClientBase, log: (line: string) => void): Promise<void> {
  const rows: string[][] = [];
  for (const t of SEARCHED_TABLES) {
    const text = t === 'drive_items' ? 'name' : 'body';
    const vector = (await db.query("SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'search' AND NOT attisdropped", [t])).rowCount === 1;
    const { rows: [size] } = await db.query(`SELECT count(*)::bigint AS n, pg_table_size('${t}')::bigint AS heap, pg_indexes_size('${t}')::bigint AS indexes,
      coalesce(avg(pg_column_size(${text})), 0)::float8 AS text, ${vector ? 'coalesce(avg(pg_column_size(search)), 0)::float8' : 'NULL::float8'} AS vector FROM ${t}`);
    rows.push([t, int(Number(size.n)), mib(Number(size.heap)), mib(Number(size.indexes)), `${size.text.toFixed(0)} B`, size.vector === null ? '-' : `${size.vector.toFixed(0)} B`]);
  }
  log(table(['searched table', 'rows', 'heap+TOAST', 'all indexes', 'mean text', 'mean tsvector'], rows));

  const { rows: indexes } = await db.query<{ name: string; bytes: number; primary: boolean; predicate: string | null }>(
    `SELECT c.relname AS name, pg_relation_size(c.oid)::bigint AS bytes, x.indisprimary AS primary, pg_get_expr(x.indpred, x.indrelid) AS predicate
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = $1::regclass ORDER BY c.relname`, [ENTRIES]);
  const { rows: kinds } = await db.query<{ kind: string; n: number; vector: number }>(
    `SELECT kind, count(*)::bigint AS n, avg(pg_column_size(search))::float8 AS vector FROM ${ENTRIES} GROUP BY kind
     ORDER BY array_position(ARRAY['message', 'post', 'comment', 'file'], kind), kind`);
  // An index holds the kinds its predicate names (all of them without one).
  const holds = (predicate: string | null, kind: string) => predicate === null || predicate.includes(`'${kind}'::text`);
  const shown = new Set<string>();
  log(table([`${ENTRIES} kind`, 'entries', 'mean tsvector', 'its indexes (but the primary key)'], kinds.map((k) => [k.kind, int(Number(k.n)), `${k.vector.toFixed(0)} B`,
    indexes.filter((i) => !i.primary && holds(i.predicate, k.kind)).map((i) => {
      const others = kinds.filter((o) => o.kind !== k.kind && holds(i.predicate, o.kind)).map((o) => o.kind);
      const first = !shown.has(i.name);
      shown.add(i.name);
      return first ? `${i.name} ${mib(Number(i.bytes))}${others.length > 0 ? ` (with ${others.join(', ')})` : ''}` : `${i.name} (above)`;
    }).join(', ')])));
  const { rows: [whole] } = await db.query(`SELECT count(*)::bigint AS n, pg_table_size('${ENTRIES}')::bigint AS heap, pg_indexes_size('${ENTRIES}')::bigint AS indexes FROM ${ENTRIES}`);
  const primary = indexes.find((i) => i.primary);
  log(`  ${ENTRIES}: ${int(Number(whole.n))} rows, heap+TOAST ${mib(Number(whole.heap))}, all indexes ${mib(Number(whole.indexes))}` +
    (primary ? ` (primary key ${primary.name} ${mib(Number(primary.bytes))})` : ''));
  // The search's pages are read on every search: held in shared buffers, or copied in from the OS's cache each time.
  const { rows: [buffers] } = await db.query("SELECT setting::bigint * 8192 AS bytes FROM pg_settings WHERE name = 'shared_buffers'");
  const searched = Number(whole.heap) + Number(whole.indexes);
  log(`  shared_buffers ${mib(Number(buffers.bytes))} ${Number(buffers.bytes) >= searched ? 'holds' : 'cannot hold'} ${ENTRIES} and its indexes (${mib(searched)})` +
    (Number(buffers.bytes) >= searched ? '' : ': searches copy most of their pages in from the OS cache (docs/install.md, "PostgreSQL\'s memory")'));
  const { rows: [words] } = await db.query(`SELECT count(*)::bigint AS n, count(DISTINCT instance_id)::bigint AS instances,
    pg_table_size('search_words')::bigint AS heap, pg_indexes_size('search_words')::bigint AS indexes FROM search_words`);
  log(`  search_words (the words looked up for a prefix): ${int(Number(words.n))} words in ${int(Number(words.instances))} instances, ` +
    `heap ${mib(Number(words.heap))}, index ${mib(Number(words.indexes))}`);
  const { rows: others } = await db.query<{ name: string; bytes: string }>(`SELECT indexname AS name, pg_relation_size(format('%I', indexname)::regclass)::bigint AS bytes
    FROM pg_indexes WHERE schemaname = 'public' AND tablename <> ALL($1) AND indexdef ~ 'search_name' ORDER BY indexname`, [[...SEARCHED_TABLES, ENTRIES]]);
  if (others.length > 0) log(`  name indexes elsewhere: ${others.map((i) => `${i.name} ${mib(Number(i.bytes))}`).join(', ')}`);
}

export function printSeed(seed: SeedReport, log: (line: string) => void): void {
  const contentSeconds = seed.steps.filter((s) => s.kind === 'content').reduce((sum, s) => sum + s.seconds, 0);
  const builds = seed.steps.filter((s) => s.kind === 'index');
  log(`seeded in ${seed.seconds.toFixed(0)} s: content ${contentSeconds.toFixed(0)} s (triggers on, search indexes off), ` +
    `search indexes built in ${builds.reduce((sum, s) => sum + s.seconds, 0).toFixed(1)} s (${builds.map((b) => `${b.label.slice(6)} ${b.seconds.toFixed(1)} s`).join(', ')})`);
}

export function printRuns(runs: Run[], log: (line: string) => void): void {
  const pct = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(0)}%`);
  log(table(['query shape', 'clients', 'queries', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'queries/s', 'results/query', 'errors', 'CPU: PostgreSQL', 'bench', 'other'],
    runs.map((r) => [r.shape, String(r.clients), int(r.n), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), r.perSecond.toFixed(1), r.hitsPerQuery.toFixed(1), String(r.errors),
      pct(r.cpu?.postgres), pct(r.cpu?.bench), pct(r.cpu?.other)])));
  log('  (CPU in % of one core over each run: PostgreSQL\'s backends of this database and its background processes, this process, everything else on the machine)');
  for (const r of runs.filter((x) => x.firstError)) log(`  ${r.shape}, ${r.clients} client(s): ${r.errors} errors, the first: ${r.firstError}`);
}

/**
 * Each shape's statements: their scans and times as the application runs them (with the scans of the matching inside
 * the search function they call), the same as the owner, and the slowest one's plan and its function's.
 */
export function printPlans(plans: Array<{ shape: string; request: unknown; explained: Explained[]; asOwner: Explained[] }>, log: (line: string) => void): void {
  for (const { shape, request, explained, asOwner } of plans) {
    const total = explained.reduce((sum, e) => sum + e.executionMs + e.planningMs, 0);
    log(`\n---- ${shape}: ${JSON.stringify(request)}; ${explained.length} statement(s), ${ms(total)} ms in PostgreSQL (execution + planning)`);
    explained.forEach((e, i) => {
      log(`  ${e.label}: ${ms(e.executionMs)} ms + ${ms(e.planningMs)} ms planning, ${int(e.buffers)} buffers ` +
        `(as the owner, RLS bypassed: ${ms(asOwner[i]?.executionMs ?? NaN)} ms, ${int(asOwner[i]?.buffers ?? NaN)} buffers); ${e.scans.join('; ')}`);
      for (const n of e.nested) log(`    matching in the function: ${ms(n.ms)} ms, ${int(n.buffers)} buffers; ${n.scans.join('; ')}`);
    });
    const slowest = explained.reduce((a, b) => (b.executionMs > a.executionMs ? b : a), explained[0]!);
    if (!slowest) continue;
    log(`  EXPLAIN (ANALYZE, BUFFERS) of the slowest, ${slowest.label}:\n${slowest.text.replace(/^/gm, '    ')}`);
    for (const n of slowest.nested) log(`  and of the matching inside its function (auto_explain, ${ms(n.ms)} ms):\n${n.text.trimEnd().replace(/^/gm, '    ')}`);
  }
}

export function printWrites(w: WriteReport, log: (line: string) => void): void {
  const base = w.bulk[0]?.perSecond ?? NaN;
  const other = (value: number | null) => (value === null ? '-' : `${value.toFixed(0)}%`);
  log(table(['bulk insert into a copy of messages', 'rows', 'seconds', 'rows/s', 'vs without', 'other CPU'],
    w.bulk.map((b) => [b.label, int(b.rows), b.seconds.toFixed(1), int(b.perSecond), `${((b.perSecond / base) * 100).toFixed(0)}%`, other(b.other)])));
  for (const [title, loops] of [['one INSERT per transaction into messages', w.singles], ['sendMessage (the action)', w.actions]] as const) {
    const on = loops.filter((l) => l.trigger);
    const off = loops.filter((l) => !l.trigger);
    const mean = (xs: typeof loops, f: (l: (typeof loops)[number]) => number) => xs.reduce((sum, l) => sum + f(l), 0) / Math.max(1, xs.length);
    log(table([title, 'messages/s', 'p50 ms', 'p99 ms', 'other CPU'], [
      ...loops.map((l, i) => [`round ${Math.floor(i / 2) + 1}, search trigger ${l.trigger ? 'on' : 'off'}`, l.perSecond.toFixed(0), ms(l.p50), ms(l.p99), other(l.other)]),
      [`mean: on / off = ${((mean(on, (l) => l.perSecond) / mean(off, (l) => l.perSecond)) * 100).toFixed(0)}% of the throughput`, `${mean(on, (l) => l.perSecond).toFixed(0)} / ${mean(off, (l) => l.perSecond).toFixed(0)}`,
        `${ms(mean(on, (l) => l.p50))} / ${ms(mean(off, (l) => l.p50))}`, `${ms(mean(on, (l) => l.p99))} / ${ms(mean(off, (l) => l.p99))}`, ''],
    ]));
  }
}

/** Searches taking turns against all at once, each run, then the mean of each setting per shape. */
export function printTurns(runs: TurnsRun[], log: (line: string) => void): void {
  const mean = (xs: TurnsRun[], f: (r: TurnsRun) => number) => xs.reduce((sum, r) => sum + f(r), 0) / Math.max(1, xs.length);
  const rows: string[][] = [];
  for (const shape of [...new Set(runs.map((r) => r.searches.shape))]) {
    for (const concurrency of [...new Set(runs.map((r) => r.concurrency))]) {
      const mine = runs.filter((r) => r.searches.shape === shape && r.concurrency === concurrency);
      rows.push([`${shape}, ${concurrency} at once`, mine.map((r) => `${ms(r.searches.p95)} (${r.searches.perSecond.toFixed(0)}/s)`).join(', '),
        ms(mean(mine, (r) => r.searches.p50)), ms(mean(mine, (r) => r.searches.p95)), mean(mine, (r) => r.searches.perSecond).toFixed(0),
        ms(mean(mine, (r) => r.sends.p50)), ms(mean(mine, (r) => r.sends.p95)), ms(mean(mine, (r) => r.sends.p99)), mean(mine, (r) => r.sends.perSecond).toFixed(0),
        String(mine.reduce((sum, r) => sum + r.searches.errors, 0)),
        mine.map((r) => (r.searches.cpu ? `${r.searches.cpu.postgres.toFixed(0)}/${r.searches.cpu.bench.toFixed(0)}/${r.searches.cpu.other.toFixed(0)}%` : '-')).join(', ')]);
    }
  }
  log(table(['10 clients searching', 'each run: p95 ms (searches/s)', 'p50 ms', 'p95 ms', 'searches/s', 'send p50 ms', 'send p95 ms', 'send p99 ms', 'sends/s', 'errors', 'CPU each run: PostgreSQL/bench/other'], rows));
  log('  (means of the runs; "send": sendMessage, one chat member sending a message every 10 ms while the ten clients search)');
}

/** Plainly: is p95 ≤ 50 ms for every shape at every concurrency? */
export function printVerdict(runs: Run[], messages: number, log: (line: string) => void): boolean {
  const missed = runs.filter((r) => !(r.p95 <= TARGET_P95_MS) || r.errors > 0);
  const worst = runs.reduce((a, b) => (b.p95 > a.p95 ? b : a), runs[0]!);
  if (missed.length === 0) {
    log(`TARGET MET: p95 ≤ ${TARGET_P95_MS} ms for every query shape at 1 and 10 clients with ${int(messages)} messages (worst p95: ${worst.shape}, ${worst.clients} client(s), ${ms(worst.p95)} ms).`);
    return true;
  }
  log(`TARGET NOT MET: p95 > ${TARGET_P95_MS} ms (or errors) with ${int(messages)} messages for ${missed.length} of ${runs.length} runs: ` +
    missed.map((r) => `${r.shape} at ${r.clients} client(s) ${ms(r.p95)} ms`).join('; '));
  return false;
}
