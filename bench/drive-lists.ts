// Drive lists benchmark: "Recent" and "Shared with me" (GET /drive/recent,
// GET /drive/shared) of members of big instances, when drives hold many files
// and files are shared widely. Seeds the search benchmark's 50 instances
// (bench/search/population.ts) with --files drive files (bench/search/seed.ts,
// little chat) and --shares more shares of personal files with colleagues,
// then times listRecent and listSharedWith as the routes call them (one
// transaction each, the application role, RLS), and the route's whole read
// of "Recent" (readRecent: the list, then each item's permissions):
// p50/p95/p99 per list.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/drive-lists.ts [--files 200000] [--shares 300000]
// Loopback only; bounded in count and time; drops its database at the end and on Ctrl-C.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config.ts';
import { createPool } from '../server/src/db/pool.ts';
import { inTransaction } from '../server/src/db/transaction.ts';
import type { TenantContext } from '../server/src/http/context.ts';
import { listRecent, listSharedWith } from '../server/src/modules/drive/queries.ts';
import { readRecent } from '../server/src/modules/drive/reads.ts';
import type { Services } from '../server/src/services.ts';
import { clusterUrl, createTestDatabase } from '../server/test/support/database.ts';
import { describeGauge, GAUGE_ABOUT, gaugeMachine } from './gauge.ts';
import { stats } from './search/measure.ts';
import { buildPopulation } from './search/population.ts';
import { seedDatabase } from './search/seed.ts';
import { wholeNumber } from './args.ts';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '200000' },
    shares: { type: 'string', default: '300000' },
    members: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '20' },
    'timeout-minutes': { type: 'string', default: '15' },
  },
});
const whole = (name: keyof typeof args, min: number, max: number) => wholeNumber(name, args[name], min, max);
const o = {
  files: whole('files', 100, 2_000_000), shares: whole('shares', 0, 5_000_000), members: whole('members', 1, 1_000),
  rounds: whole('rounds', 1, 1_000), timeoutMinutes: whole('timeout-minutes', 1, 240),
};
if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(new URL(clusterUrl()).hostname)) throw new Error('the benchmark runs against a PostgreSQL on loopback only');
const log = (line: string) => console.log(line);

/** More shares: personal files shared with three colleagues each, picked by a hash of the file (the same on every run). */
const MORE_SHARES = `WITH people AS (SELECT instance_id, user_id, row_number() OVER (PARTITION BY instance_id ORDER BY user_id) - 1 AS k FROM memberships),
    counts AS (SELECT instance_id, count(*) AS n FROM memberships GROUP BY instance_id),
    files AS (SELECT id, instance_id, owner_id, row_number() OVER (ORDER BY md5(id::text)) AS r FROM drive_items
              WHERE kind = 'file' AND owner_id IS NOT NULL AND trashed_at IS NULL)
  INSERT INTO drive_shares (instance_id, item_id, user_id, role, created_by)
  SELECT f.instance_id, f.id, p.user_id, 'viewer', f.owner_id
  FROM files f JOIN counts c USING (instance_id) CROSS JOIN generate_series(1, 3) s
    JOIN people p ON p.instance_id = f.instance_id AND p.k = abs(hashtext(f.id::text || s)) % c.n
  WHERE f.r * 3 <= $1 AND p.user_id <> f.owner_id
  ON CONFLICT DO NOTHING`;

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const pool = createPool(db.appUrl, 2, 'ruche-bench-drive-lists');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-bench-drive-lists-'));
  // readRecent reads through the pool alone.
  const services = { config: loadConfig({ PUBLIC_URL: 'http://127.0.0.1', DATA_DIR: dataDir }), pool } as Services;
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => (cleaning ??= (async () => {
    clearTimeout(watchdog);
    await pool.end().catch(() => undefined);
    await owner.end().catch(() => undefined);
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  })());
  const abandon = (why: string, code: number) => {
    console.error(`drive lists benchmark: ${why}, cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  const watchdog = setTimeout(() => abandon(`still running after ${o.timeoutMinutes} minutes`, 1), o.timeoutMinutes * 60_000);
  process.once('SIGINT', () => abandon('interrupted', 130));
  try {
    await owner.connect();
    log(`drive lists benchmark: ${o.files.toLocaleString('en')} files, ${o.shares.toLocaleString('en')} more shares; ${GAUGE_ABOUT}: ${describeGauge(await gaugeMachine(owner))}`);
    const population = buildPopulation(1, 50);
    await seedDatabase(db.ownerUrl, population, { messages: 2_000, posts: 200, files: o.files, batch: 5_000, seed: 1 }, () => undefined);
    const t0 = performance.now();
    const added = await owner.query(MORE_SHARES, [o.shares]);
    await owner.query('VACUUM (ANALYZE) drive_items, drive_shares');
    log(`seeded; ${(added.rowCount ?? 0).toLocaleString('en')} more shares in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { rows: [sizes] } = await owner.query(`SELECT (SELECT count(*) FROM drive_items)::int AS items, (SELECT count(*) FROM drive_shares)::int AS shares`);
    const { rows: members } = await owner.query(`
      WITH big AS (SELECT instance_id, count(*) AS n FROM memberships GROUP BY 1 ORDER BY 2 DESC LIMIT 3)
      SELECT m.instance_id AS "instanceId", m.user_id AS "userId", m.role, m.status, m.created_at AS "createdAt",
        i.slug, i.name, i.default_locale AS "defaultLocale", i.status AS "instanceStatus", i.created_at AS "instanceCreatedAt",
        (SELECT count(*) FROM drive_items i WHERE i.instance_id = m.instance_id)::int AS "instanceItems"
      FROM memberships m JOIN big USING (instance_id) JOIN instances i ON i.id = m.instance_id
      WHERE m.status = 'active' ORDER BY md5(m.user_id::text) LIMIT $1`, [o.members]);
    const tenants = new Map<string, TenantContext>(members.map((m) => [m.userId, {
      instance: { id: m.instanceId, slug: m.slug, name: m.name, defaultLocale: m.defaultLocale, status: m.instanceStatus, createdAt: m.instanceCreatedAt },
      membership: { instanceId: m.instanceId, userId: m.userId, role: m.role, status: m.status, createdAt: m.createdAt },
    }]));
    log(`${sizes.items.toLocaleString('en')} drive items and ${sizes.shares.toLocaleString('en')} shares in all; ${members.length} members of the 3 biggest instances ` +
      `(${Math.min(...members.map((m) => m.instanceItems)).toLocaleString('en')} to ${Math.max(...members.map((m) => m.instanceItems)).toLocaleString('en')} items in their instance)`);
    type Member = { instanceId: string; userId: string };
    const inScope = <T>(m: Member, work: (tx: Parameters<typeof listRecent>[0]) => Promise<T[]>) =>
      inTransaction(pool, { instanceId: m.instanceId, userId: m.userId }, work);
    const calls: Record<string, (m: Member) => Promise<unknown[]>> = {
      'recent (50)': (m) => inScope(m, (tx) => listRecent(tx, m.instanceId, m.userId, 50)),
      'shared with me (200)': (m) => inScope(m, (tx) => listSharedWith(tx, m.instanceId, m.userId, 200)),
      'GET /recent': async (m) => (await readRecent(services, tenants.get(m.userId)!)).items,
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
    const found: Record<string, number> = Object.fromEntries(Object.keys(calls).map((name) => [name, 0]));
    // Round 0 warms the connections and caches; the calls alternate so all see the same machine.
    for (let round = 0; round <= o.rounds; round++) {
      for (const [name, call] of Object.entries(calls)) {
        for (const m of members) {
          const started = performance.now();
          const rows = await call(m);
          if (round === 0) continue;
          times[name]!.push(performance.now() - started);
          found[name]! += rows.length;
        }
      }
    }
    log('call                   calls  p50 ms  p95 ms  p99 ms  max ms  items/call');
    for (const [name, samples] of Object.entries(times)) {
      const s = stats(samples);
      log(`${name.padEnd(21)} ${String(s.n).padStart(6)} ${s.p50.toFixed(2).padStart(7)} ${s.p95.toFixed(2).padStart(7)} ${s.p99.toFixed(2).padStart(7)} ${s.max.toFixed(2).padStart(7)} ` +
        `${(found[name]! / Math.max(1, s.n)).toFixed(1).padStart(11)}`);
    }
    log('(each call: BEGIN, the scope, its statements, COMMIT, as the application role under RLS; GET /recent: readRecent, the list and each item\'s permissions)');
  } finally {
    await cleanUp();
  }
}

await main();
