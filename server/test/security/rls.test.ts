// Isolation is enforced by the database. These tests read the catalog, so a
// new tenant-owned table without RLS, or an app role that could bypass it,
// fails the suite; and they check the policies' behaviour with real rows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { inTransaction } from '../../src/db/transaction.ts';
import { TEST_APP_ROLE } from '../support/database.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';

/** Tables of the search index, outside forced RLS and out of the application role's reach. */
const SEARCH_INDEX = ['search_entries', 'search_words'];

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

describe('catalog', () => {
  test('every table with instance_id has RLS enabled, forced, and policies with USING and WITH CHECK', async () => {
    const { rows } = await h.owner.query<{ table: string; rls: boolean; forced: boolean; policies: number; checked: number }>(`
      SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
        (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)::int AS policies,
        (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
           AND p.cmd = 'ALL' AND p.qual IS NOT NULL AND p.with_check IS NOT NULL AND p.qual LIKE '%app_instance_id()%')::int AS checked
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'instance_id' AND NOT a.attisdropped)
      ORDER BY 1`);
    assert.ok(rows.length >= 3, 'expected the tenant-owned tables to be found');
    for (const row of rows) {
      assert.ok(row.rls, `${row.table}: ROW LEVEL SECURITY is not enabled`);
      // The search index alone is not forced, so that its owner's functions can use it (decision 0008, tested below).
      if (!SEARCH_INDEX.includes(row.table)) assert.ok(row.forced, `${row.table}: ROW LEVEL SECURITY is not forced`);
      assert.ok(row.policies > 0, `${row.table}: has no policy`);
      assert.ok(row.checked > 0, `${row.table}: no FOR ALL policy on app_instance_id() with both USING and WITH CHECK`);
    }
  });

  test('the application role is not superuser, cannot bypass RLS and owns nothing', async () => {
    const role = await h.owner.query('SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1', [TEST_APP_ROLE]);
    assert.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await h.owner.query(`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1`, [TEST_APP_ROLE]);
    assert.deepEqual(owned.rows, []);
  });

  test('views, if any, are security_invoker', async () => {
    const { rows } = await h.owner.query<{ relname: string; options: string[] | null }>(`
      SELECT c.relname, c.reloptions AS options FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')`);
    for (const view of rows) assert.ok(view.options?.includes('security_invoker=true'), `view ${view.relname} is not security_invoker`);
  });

  test('the app connects as the application role', async () => {
    const { rows } = await h.s.pool.query<{ current_user: string }>('SELECT current_user');
    assert.equal(rows[0]!.current_user, TEST_APP_ROLE);
  });
});

describe('the search index (search_entries and search_words, decision 0008)', () => {
  test('the application role has no privilege on it: only SECURITY DEFINER functions read and write it', async () => {
    for (const table of SEARCH_INDEX) {
      const { rows } = await h.owner.query<{ privilege: string; granted: boolean }>(
        `SELECT p AS privilege, has_table_privilege($1, $2, p) AS granted
         FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p`, [TEST_APP_ROLE, table]);
      assert.deepEqual(rows.filter((r) => r.granted), [], table);
      await assert.rejects(inTransaction(h.s.pool, { instanceId: world.alpha.instance.id }, (tx) => tx.query(`SELECT * FROM ${table}`)),
        /permission denied/, table);
    }
  });

  test('every SECURITY DEFINER function pins its search_path, and those that read the index take the instance from app_instance_id()', async () => {
    const { rows } = await h.owner.query<{ name: string; config: string[] | null; body: string; returns: string; signature: string }>(`
      SELECT p.proname AS name, p.proconfig AS config, p.prosrc AS body, p.prorettype::regtype::text AS returns,
        p.oid::regprocedure::text AS signature
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`);
    assert.ok(rows.some((r) => r.name === 'search_message_matches'), 'expected the search functions');
    for (const f of rows) {
      assert.ok(f.config?.some((c) => c.startsWith('search_path=')), `${f.name}: SECURITY DEFINER without a fixed search_path`);
      // Readers answer the application. Writers index rows that passed their own table's policy: trigger
      // functions (PostgreSQL calls them only as triggers) and their helpers, which the application may not call.
      if (f.returns === 'void') {
        const callable = await h.owner.query('SELECT has_function_privilege($1, $2, \'EXECUTE\') AS ok', [TEST_APP_ROLE, f.signature]);
        assert.equal(callable.rows[0].ok, false, `${f.name} is for the triggers only`);
      } else if (f.returns !== 'trigger') {
        // Directly, or through a tier function (0014), which the next test holds to the same rule.
        assert.match(f.body, /instance_id = app_instance_id\(\)|search_\w+_tier\(/, `${f.name} reads without the instance`);
      }
    }
  });

  test('the functions a reader reads the index through filter on app_instance_id() too, and the application cannot call them', async () => {
    const { rows } = await h.owner.query<{ name: string; body: string; signature: string }>(`
      SELECT p.proname AS name, p.prosrc AS body, p.oid::regprocedure::text AS signature
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname LIKE 'search\\_%\\_tier'`);
    assert.deepEqual(rows.map((r) => r.name).sort(), ['search_file_tier', 'search_post_tier']);
    for (const f of rows) {
      assert.match(f.body, /instance_id = \(?(SELECT )?app_instance_id\(\)/, `${f.name} reads without the instance`);
      const callable = await h.owner.query('SELECT has_function_privilege($1, $2, \'EXECUTE\') AS ok', [TEST_APP_ROLE, f.signature]);
      assert.equal(callable.rows[0].ok, false, `${f.name} is for the search functions only`);
    }
  });

  test("the matching functions find nothing of another instance, even given its conversations and groups, nor without an instance; nor its words", async () => {
    const beta = world.beta.instance.id;
    const ids = { conversation: randomUUID(), group: randomUUID(), message: randomUUID(), post: randomUUID(), oldPost: randomUUID(), file: randomUUID() };
    // A post of today and one of two years ago: the recent tier and the older one (0014).
    await h.owner.query(`INSERT INTO search_entries (instance_id, kind, id, scope, created_at, name, search) VALUES
      ($1, 'message', $2, $3, now(), NULL, to_tsvector('simple', 'quarterly budget')),
      ($1, 'post', $4, $5, now(), NULL, to_tsvector('simple', 'quarterly budget')),
      ($1, 'post', $7, $5, now() - interval '2 years', NULL, to_tsvector('simple', 'quarterly budget')),
      ($1, 'file', $6, $5, now(), 'budget.xlsx', to_tsvector('simple', 'quarterly budget'))`,
    [beta, ids.message, ids.conversation, ids.post, ids.group, ids.file, ids.oldPost]);
    await h.owner.query("INSERT INTO search_words (instance_id, word) VALUES ($1, 'quarterlyzz')", [beta]);
    const probe = (scope: { instanceId?: string }) => inTransaction(h.s.pool, scope, async (tx) => {
      const q = "to_tsquery('simple', 'budget')";
      const found = await Promise.all([
        tx.query(`SELECT id FROM search_message_matches(${q}, NULL, $1, NULL, NULL, NULL, NULL, 10, 0)`, [[ids.conversation]]),
        tx.query(`SELECT id FROM search_post_matches(${q}, NULL, $1, true, NULL, NULL, NULL, NULL, NULL, 10, 0)`, [[ids.group]]),
        // Of given groups only: through the groups' keys (0018).
        tx.query(`SELECT id FROM search_post_matches(${q}, NULL, $1, false, NULL, NULL, NULL, NULL, NULL, 10, 0)`, [[ids.group]]),
        tx.query(`SELECT id FROM search_file_matches(${q}, NULL, 'budget.xlsx', $1, $2, NULL, NULL, NULL, 10, 0)`, [[ids.group], [ids.file]]),
        tx.query("SELECT 1 FROM search_prefix_words('quarterly') w WHERE w IS NOT NULL"),
      ]);
      return found.map((r) => r.rowCount);
    });
    assert.deepEqual(await probe({ instanceId: beta }), [1, 2, 2, 1, 1], 'the probe finds the entries and words in their own instance');
    assert.deepEqual(await probe({ instanceId: world.alpha.instance.id }), [0, 0, 0, 0, 0]);
    assert.deepEqual(await probe({}), [0, 0, 0, 0, 0]);
    await h.owner.query('DELETE FROM search_entries WHERE id = ANY($1)', [[ids.message, ids.post, ids.oldPost, ids.file]]);
    await h.owner.query("DELETE FROM search_words WHERE word = 'quarterlyzz'");
  });

  test("recent posts are keyed by instance and period: an instance whose id ends alike shares the keys, never the posts", async () => {
    const alpha = world.alpha.instance.id;
    const alike = `00000000-0000-4000-8000-0000${alpha.slice(-8)}`;
    const [post, group] = [randomUUID(), randomUUID()];
    await h.owner.query("INSERT INTO instances (id, slug, name) VALUES ($1, 'alike-keys', 'Alike')", [alike]);
    await h.owner.query(`INSERT INTO search_entries (instance_id, kind, id, scope, created_at, name, search)
      VALUES ($1, 'post', $2, $3, now(), NULL, to_tsvector('simple', 'quarterly budget'))`, [alike, post, group]);
    try {
      const keys = await h.owner.query(`SELECT search_recent_key($1, 700) = search_recent_key($2, 700) AS same`, [alike, alpha]);
      assert.equal(keys.rows[0].same, true, 'the two instances share their keys');
      const probe = (instanceId: string) => inTransaction(h.s.pool, { instanceId }, async (tx) => (await tx.query(
        "SELECT id FROM search_post_matches(to_tsquery('simple', 'budget'), NULL, $1, true, NULL, NULL, NULL, NULL, NULL, 10, 0)", [[group]])).rowCount);
      assert.equal(await probe(alike), 1, 'found in its own instance, in the recent tier');
      assert.equal(await probe(alpha), 0);
    } finally {
      await h.owner.query('DELETE FROM search_entries WHERE id = $1', [post]);
      await h.owner.query('DELETE FROM instances WHERE id = $1', [alike]);
    }
  });
});

describe('policies at work', () => {
  test('a transaction scoped to alpha sees only alpha memberships', async () => {
    const rows = await inTransaction(h.s.pool, { instanceId: world.alpha.instance.id }, async (tx) =>
      (await tx.query<{ instance_id: string }>('SELECT instance_id FROM memberships')).rows);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.instance_id === world.alpha.instance.id));
  });

  test('without an instance in scope no tenant row is visible', async () => {
    const count = await inTransaction(h.s.pool, {}, async (tx) =>
      (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM invitations')).rows[0]!.n);
    assert.equal(count, 0);
    const total = await h.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM memberships');
    assert.equal(total.rows[0]!.n, 12);
  });

  test("writing a row for another instance is refused by WITH CHECK", async () => {
    await assert.rejects(
      inTransaction(h.s.pool, { instanceId: world.alpha.instance.id }, (tx) => tx.query(
        "INSERT INTO invitations (instance_id, email, role, token_hash, expires_at) VALUES ($1, 'x@y.test', 'member', '\\x01', now() + interval '1 day')",
        [world.beta.instance.id])),
      /row-level security/);
  });

  test("updating or deleting another instance's rows touches nothing", async () => {
    const touched = await inTransaction(h.s.pool, { instanceId: world.alpha.instance.id }, async (tx) => {
      const updated = await tx.query("UPDATE memberships SET role = 'guest' WHERE instance_id = $1", [world.beta.instance.id]);
      const deleted = await tx.query('DELETE FROM memberships WHERE instance_id = $1', [world.beta.instance.id]);
      return (updated.rowCount ?? 0) + (deleted.rowCount ?? 0);
    });
    assert.equal(touched, 0);
  });

  test('the instance setting is transaction-local and does not leak to the next user of the connection', async () => {
    const client = await h.s.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.instance_id', $1, true)", [world.alpha.instance.id]);
      await client.query('COMMIT');
      const { rows } = await client.query<{ value: string | null }>("SELECT current_setting('app.instance_id', true) AS value");
      assert.ok(!rows[0]!.value, 'app.instance_id survived the transaction');
      const visible = await client.query('SELECT 1 FROM memberships WHERE instance_id = $1', [world.alpha.instance.id]);
      assert.equal(visible.rowCount, 0);
    } finally {
      client.release();
    }
  });

  test('a user sees their own memberships across instances, and no one else\'s', async () => {
    const rows = await inTransaction(h.s.pool, { userId: world.alpha.people.member.user.id }, async (tx) =>
      (await tx.query<{ user_id: string }>('SELECT user_id FROM memberships')).rows);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.user_id, world.alpha.people.member.user.id);
  });
});
