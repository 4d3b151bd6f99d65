// The permission table of the group routes (Mattermost style): for every
// route under /api/v1/i/{slug}/groups/{groupId} in the OpenAPI document, for
// each visibility and each kind of actor, the exact answer. A group the actor
// may not see answers 404, as if it did not exist; a visible group without
// the right answers 403. A refused call must leave the group's rows, its
// notifications and the event stream untouched; an allowed one must have its
// effect, on a fresh group when the route is not a GET.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, PASSWORD, signedIn, type World } from '../support/world.ts';

const ACTORS = ['owner', 'administrator', 'groupAdmin', 'groupMember', 'outsider', 'guest', 'invitedGuest'] as const;
const VISIBILITIES = ['open', 'private', 'secret'] as const;
type ActorKind = typeof ACTORS[number];
type Visibility = typeof VISIBILITIES[number];
type PersonKey = ActorKind | 'member2' | 'requester' | 'invitee';
/** A status, or a status and the problem code (a bare 403 means `forbidden`, a bare 404 `not_found`). */
type Cell = number | `${number} ${string}`;
/** One cell per actor, in the order of ACTORS. */
type Row = Record<Visibility, Cell[]>;

interface Who { id: string; client: Client }
interface RouteCase {
  /** Whose id fills {userId}. */
  target?: PersonKey;
  body?: (kind: ActorKind) => unknown;
  expect: Row;
  /** What an allowed call must have done. */
  effect: (groupId: string, body: any, kind: ActorKind) => Promise<void>;
}

const NOT_MEMBER = '409 not_a_member';
const LAST_ADMIN = '409 last_group_admin';
const ASK = '403 join_request_required';

/** Group administrators, and instance administrators who oversee every group. */
const managers = (ok: number): Row => ({
  open: [ok, ok, ok, 403, 403, 404, 403],
  private: [ok, ok, ok, 403, 403, 404, 403],
  secret: [ok, ok, ok, 403, 404, 404, 403],
});

let h: Harness;
let world: World;
const people = {} as Record<PersonKey, Who>;
const shared = {} as Record<Visibility, string>;
let groupRoutes: string[];

const one = async (sql: string, params: unknown[]) => (await h.owner.query(sql, params)).rows[0];
const memberRole = async (g: string, who: PersonKey) =>
  (await one('SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2', [g, people[who].id]))?.role ?? null;
const pending = async (g: string, who: PersonKey) =>
  (await one('SELECT kind FROM group_requests WHERE group_id = $1 AND user_id = $2', [g, people[who].id]))?.kind ?? null;

const TABLE: Record<string, RouteCase> = {
  'GET /api/v1/i/{slug}/groups/{groupId}': {
    expect: {
      open: [200, 200, 200, 200, 200, 404, 200],
      private: [200, 200, 200, 200, 200, 404, 200],
      secret: [200, 200, 200, 200, 404, 404, 200],
    },
    effect: async (g, body) => assert.equal(body.id, g),
  },
  'PATCH /api/v1/i/{slug}/groups/{groupId}': {
    body: (kind) => ({ description: `set by ${kind}` }),
    expect: managers(200),
    effect: async (g, _b, kind) => assert.equal((await one('SELECT description FROM groups WHERE id = $1', [g])).description, `set by ${kind}`),
  },
  'DELETE /api/v1/i/{slug}/groups/{groupId}': {
    expect: managers(204),
    effect: async (g) => assert.equal(await one('SELECT id FROM groups WHERE id = $1', [g]), undefined),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/join': {
    expect: {
      open: [204, 204, 204, 204, 204, 404, 204],
      private: [ASK, ASK, 204, 204, ASK, 404, 204],
      secret: [403, 403, 204, 204, 404, 404, 204],
    },
    effect: async (g, _b, kind) => assert.equal(await memberRole(g, kind), kind === 'groupAdmin' ? 'admin' : 'member'),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/leave': {
    expect: {
      open: [NOT_MEMBER, NOT_MEMBER, LAST_ADMIN, 204, NOT_MEMBER, 404, NOT_MEMBER],
      private: [NOT_MEMBER, NOT_MEMBER, LAST_ADMIN, 204, NOT_MEMBER, 404, NOT_MEMBER],
      secret: [NOT_MEMBER, NOT_MEMBER, LAST_ADMIN, 204, 404, 404, NOT_MEMBER],
    },
    effect: async (g, _b, kind) => assert.equal(await memberRole(g, kind), null),
  },
  'GET /api/v1/i/{slug}/groups/{groupId}/members': {
    expect: {
      open: [200, 200, 200, 200, 200, 404, 403],
      private: [200, 200, 200, 200, 403, 404, 403],
      secret: [200, 200, 200, 200, 404, 404, 403],
    },
    effect: async (g, body) => assert.deepEqual(body.items.map((m: any) => m.userId).sort(),
      (await h.owner.query('SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id', [g])).rows.map((r) => r.user_id)),
  },
  'PATCH /api/v1/i/{slug}/groups/{groupId}/members/{userId}': {
    target: 'member2',
    body: () => ({ role: 'admin' }),
    expect: managers(204),
    effect: async (g) => assert.equal(await memberRole(g, 'member2'), 'admin'),
  },
  'DELETE /api/v1/i/{slug}/groups/{groupId}/members/{userId}': {
    target: 'member2',
    expect: managers(204),
    effect: async (g) => assert.equal(await memberRole(g, 'member2'), null),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/invitations': {
    body: () => ({ userId: people.invitee.id }),
    expect: managers(204),
    effect: async (g) => assert.deepEqual([await pending(g, 'invitee'),
      (await one('SELECT kind FROM notifications WHERE group_id = $1 AND user_id = $2', [g, people.invitee.id]))?.kind], ['invitation', 'group_invitation']),
  },
  'GET /api/v1/i/{slug}/groups/{groupId}/requests': {
    expect: managers(200),
    effect: async (_g, body) => assert.deepEqual(body.items.map((r: any) => [r.userId, r.kind]).sort(),
      [[people.invitedGuest.id, 'invitation'], [people.requester.id, 'request']].sort()),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/requests': {
    expect: {
      open: [403, 403, 403, 403, 403, 404, 403],
      private: [204, 204, 403, 403, 204, 404, 403],
      secret: [403, 403, 403, 403, 404, 404, 403],
    },
    effect: async (g, _b, kind) => assert.equal(await pending(g, kind), 'request'),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/requests/{userId}/approve': {
    target: 'requester',
    expect: managers(204),
    effect: async (g) => assert.deepEqual([await memberRole(g, 'requester'), await pending(g, 'requester')], ['member', null]),
  },
  'DELETE /api/v1/i/{slug}/groups/{groupId}/requests/{userId}': {
    target: 'requester',
    expect: managers(204),
    effect: async (g) => assert.deepEqual([await memberRole(g, 'requester'), await pending(g, 'requester')], [null, null]),
  },
  'GET /api/v1/i/{slug}/groups/{groupId}/people-set': {
    expect: {
      open: [200, 200, 200, 200, 200, 404, 200],
      private: [200, 200, 200, 200, 200, 404, 200],
      secret: [200, 200, 200, 200, 404, 404, 200],
    },
    effect: async (g, body) => assert.deepEqual(body, { rule: (await one('SELECT people_rule FROM groups WHERE id = $1', [g])).people_rule }),
  },
  'POST /api/v1/i/{slug}/groups/{groupId}/conversation': {
    expect: {
      open: [403, 403, 201, 201, 403, 404, 403],
      private: [403, 403, 201, 201, 403, 404, 403],
      secret: [403, 403, 201, 201, 404, 404, 403],
    },
    effect: async (g, body) => {
      assert.equal((await one('SELECT group_id FROM conversations WHERE id = $1', [body.id])).group_id, g);
      const members = await h.owner.query('SELECT user_id FROM conversation_members WHERE conversation_id = $1 AND left_at IS NULL ORDER BY user_id', [body.id]);
      const expected = await h.owner.query('SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id', [g]);
      assert.deepEqual(members.rows, expected.rows);
    },
  },
  'PUT /api/v1/i/{slug}/groups/{groupId}/people-set': {
    body: (kind) => ({ rule: { attribute: 'department', value: `Set by ${kind}` } }),
    expect: managers(200),
    effect: async (g, _b, kind) =>
      assert.deepEqual((await one('SELECT people_rule FROM groups WHERE id = $1', [g])).people_rule, { attribute: 'department', value: `Set by ${kind}` }),
  },
};

async function addPerson(email: string, role: 'member' | 'guest'): Promise<Who> {
  const answer = await world.alpha.people.administrator.client.post('/api/v1/i/alpha/members',
    { email, displayName: email.split('@')[0], role, password: PASSWORD });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return { id: answer.body.userId, client: await signedIn(h, email) };
}

let made = 0;
/**
 * A group of alpha created by alpha's member (its administrator), with two
 * members, an invited guest and a pending request (asked while private).
 */
async function buildGroup(visibility: Visibility): Promise<string> {
  const admin = people.groupAdmin.client;
  const created = await admin.post('/api/v1/i/alpha/groups', { name: `Table ${++made}`, visibility: 'private' });
  assert.equal(created.status, 201);
  const url = `/api/v1/i/alpha/groups/${created.body.id}`;
  for (const who of ['groupMember', 'member2'] as const) {
    assert.equal((await admin.post(`${url}/invitations`, { userId: people[who].id })).status, 204);
    assert.equal((await people[who].client.post(`${url}/join`)).status, 204);
  }
  assert.equal((await admin.post(`${url}/invitations`, { userId: people.invitedGuest.id })).status, 204);
  assert.equal((await people.requester.client.post(`${url}/requests`)).status, 204);
  if (visibility !== 'private') assert.equal((await admin.patch(url, { visibility })).status, 200);
  return created.body.id;
}

/** Everything a refused call must leave as it was. */
async function snapshot(g: string): Promise<unknown> {
  return one(`SELECT (SELECT row_to_json(x) FROM (SELECT name, description, visibility, posting, archived_at, people_rule FROM groups WHERE id = $1) x) AS "group",
      (SELECT json_agg(json_build_array(user_id, role) ORDER BY user_id) FROM group_members WHERE group_id = $1) AS members,
      (SELECT json_agg(json_build_array(user_id, kind) ORDER BY user_id) FROM group_requests WHERE group_id = $1) AS requests,
      (SELECT count(*)::int FROM notifications WHERE group_id = $1) AS notifications`, [g]);
}

function parse(cell: Cell): { status: number; code: string | null } {
  const [status, code] = String(cell).split(' ');
  const n = Number(status);
  return { status: n, code: code ?? (n === 403 ? 'forbidden' : n === 404 ? 'not_found' : null) };
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const p = world.alpha.people;
  for (const kind of ['owner', 'administrator', 'guest'] as const) people[kind] = { id: p[kind].user.id, client: p[kind].client };
  people.groupAdmin = { id: p.member.user.id, client: p.member.client };
  for (const key of ['groupMember', 'member2', 'outsider', 'invitedGuest', 'requester', 'invitee'] as const) {
    people[key] = await addPerson(`${key.toLowerCase()}@alpha.test`, key === 'invitedGuest' ? 'guest' : 'member');
  }
  for (const visibility of VISIBILITIES) shared[visibility] = await buildGroup(visibility);
  const doc = await new Client(h.app).get('/api/v1/openapi.json');
  assert.equal(doc.status, 200);
  groupRoutes = Object.entries<any>(doc.body.paths)
    .filter(([path]) => path.startsWith('/api/v1/i/{slug}/groups/{groupId}'))
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
});
after(() => h.close());

describe('the table', () => {
  test('holds exactly the group routes of the OpenAPI document', () => {
    assert.ok(groupRoutes.length >= 15, 'the group routes are documented');
    assert.deepEqual([...groupRoutes].sort(), Object.keys(TABLE).sort(), 'classify every group route in TABLE');
  });

  test('the fixture is what the table assumes', async () => {
    for (const visibility of VISIBILITIES) {
      const g = shared[visibility];
      assert.equal((await one('SELECT visibility FROM groups WHERE id = $1', [g])).visibility, visibility);
      assert.deepEqual([await memberRole(g, 'groupAdmin'), await memberRole(g, 'groupMember'), await memberRole(g, 'member2')], ['admin', 'member', 'member']);
      assert.deepEqual([await pending(g, 'invitedGuest'), await pending(g, 'requester')], ['invitation', 'request']);
      for (const kind of ['owner', 'administrator', 'outsider', 'guest', 'invitedGuest'] as const) assert.equal(await memberRole(g, kind), null, kind);
    }
  });
});

describe('group routes by visibility and actor', () => {
  for (const [key, route] of Object.entries(TABLE)) {
    test(key, async () => {
      const [method, path] = key.split(' ') as [string, string];
      const mismatches: string[] = [];
      const cells = VISIBILITIES.flatMap((visibility) => ACTORS.map((kind, i) => ({ visibility, kind, i })));
      // An allowed call gets a fresh group; refused ones (checked to change nothing) share one per visibility.
      // Groups are built concurrently (their setup is not under test); the calls run one by one.
      const refusals = Object.fromEntries(await Promise.all(VISIBILITIES.map(async (v) => [v, method === 'GET' ? shared[v] : await buildGroup(v)])));
      const groups = await Promise.all(cells.map(({ visibility, i }) =>
        method !== 'GET' && parse(route.expect[visibility][i]!).status < 300 ? buildGroup(visibility) : refusals[visibility] as string));
      for (const [n, { visibility, kind, i }] of cells.entries()) {
        const where = `${visibility} group, ${kind}`;
        const expected = parse(route.expect[visibility][i]!);
        const g = groups[n]!;
        const url = path.replace('{slug}', 'alpha').replace('{groupId}', g).replace('{userId}', route.target ? people[route.target].id : '');
        const body = route.body?.(kind) ?? (['POST', 'PATCH', 'PUT'].includes(method) ? {} : undefined);
        const before = await snapshot(g);
        const eventCount = h.events.length;
        const answer = await people[kind].client.request(method, url, body);
        const code = answer.status >= 400 ? answer.body?.code : null;
        if (answer.status !== expected.status || code !== expected.code) {
          mismatches.push(`${where}: expected ${expected.status} ${expected.code ?? ''}, got ${answer.status} ${code ?? ''}`);
          continue;
        }
        try {
          if (answer.status < 300) {
            await route.effect(g, answer.body, kind);
          } else {
            assert.deepEqual(await snapshot(g), before, 'a refused call changed the group');
            assert.deepEqual(h.events.slice(eventCount), [], 'a refused call published events');
          }
        } catch (error) {
          mismatches.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
