// Group drives, tabled by the kind of group and the kind of actor (as the
// group routes are in server/test/groups/group-permissions.test.ts): members
// (guests included) read and write; other instance members read an open
// group's drive only; a group the actor may not read is not found; an archived
// group's drive is read-only. Drive routes name the group in ?drive= or the
// item, not in /groups/{groupId}, so the table lives here. Then: a removed
// member loses access at once, and /recent lists only what I can open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inTransaction } from '../../src/db/transaction.ts';
import { listRecent } from '../../src/modules/drive/queries.ts';
import type { Answer } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import { assertProblem, contentOf, driveCounts, driveUrl, itemRow, itemUrl, newVersion, share, upload, uploaded } from './fixtures.ts';

const ACTORS = ['groupAdmin', 'groupMember', 'guestMember', 'outsider', 'guest', 'administrator', 'owner'] as const;
const KINDS = ['open', 'private', 'secret', 'archived'] as const;
type Actor = typeof ACTORS[number];
type Kind = typeof KINDS[number];
/** A status, or a status and the problem code (a bare 403 means `forbidden`, a bare 404 `not_found`). */
type Cell = number | `${number} ${string}`;
type Row = Record<Kind, Cell[]>;

let h: Harness;
let world: World;
const people = {} as Record<Actor | 'dora', Person>;
const groups = {} as Record<Kind, string>;
/** The calls that change a file get a fresh one per group, call and actor. */
const CHANGES = ['version', 'rename', 'trash', 'share'] as const;
type Change = typeof CHANGES[number];
/** Per group: a file everyone reads, and the fresh files of the calls that change one. */
const files = {} as Record<Kind, { shared: any; own: Record<Change, Record<Actor, any>> }>;

const RO = '403 read_only';
const reads = (ok: number): Row => ({
  open: [ok, ok, ok, ok, 404, ok, ok],
  private: [ok, ok, ok, 404, 404, 404, 404],
  secret: [ok, ok, ok, 404, 404, 404, 404],
  archived: [ok, ok, ok, ok, 404, ok, ok],
});
/** Adding and renaming: members, not in an archived group; readers are told they can only view. */
const writes = (ok: number): Row => ({
  open: [ok, ok, ok, RO, 404, RO, RO],
  private: [ok, ok, ok, 404, 404, 404, 404],
  secret: [ok, ok, ok, 404, 404, 404, 404],
  archived: [RO, RO, RO, RO, 404, RO, RO],
});

interface Case {
  expect: Row;
  call: (who: Person, kind: Kind, actor: Actor) => Promise<Answer>;
  /** What an allowed call must have done. */
  effect?: (kind: Kind, actor: Actor, answer: Answer) => Promise<void>;
}

const drive = (kind: Kind) => `group:${groups[kind]}`;

const TABLE: Record<string, Case> = {
  'list the drive': {
    expect: reads(200),
    call: (who, kind) => who.client.get(driveUrl('alpha', `/items?drive=${drive(kind)}`)),
    effect: async (kind, actor, answer) => {
      assert.ok(answer.body.items.some((i: any) => i.id === files[kind].shared.id));
      const member = ['groupAdmin', 'groupMember', 'guestMember'].includes(actor);
      assert.deepEqual(answer.body.drive, { ref: drive(kind), name: `Drive ${kind}`, canWrite: member && kind !== 'archived' });
    },
  },
  'open a file': {
    expect: reads(200),
    call: (who, kind) => who.client.get(itemUrl(files[kind].shared.id)),
  },
  'download a file': {
    expect: reads(200),
    call: async (who, kind) => {
      const answer = await who.client.get(itemUrl(files[kind].shared.id, '/content'));
      return answer;
    },
    effect: async (kind, _actor, answer) => assert.equal(answer.body, `shared in ${kind}`),
  },
  "list a file's versions": {
    expect: reads(200),
    call: (who, kind) => who.client.get(itemUrl(files[kind].shared.id, '/versions')),
  },
  'list the trash': {
    expect: reads(200),
    call: (who, kind) => who.client.get(driveUrl('alpha', `/trash?drive=${drive(kind)}`)),
  },
  'upload a file': {
    expect: writes(201),
    call: (who, kind, actor) => upload(who, 'alpha', `by ${actor}.txt`, `uploaded by ${actor}`, { drive: drive(kind) }),
    effect: async (kind, actor, answer) => {
      const row = await itemRow(h, answer.body.id);
      assert.deepEqual([row.group_id, row.owner_id, row.created_by], [groups[kind], null, people[actor].user.id]);
    },
  },
  'create a folder': {
    expect: writes(201),
    call: (who, kind, actor) => who.client.post(driveUrl('alpha', '/folders'), { drive: drive(kind), name: `Folder of ${actor}` }),
    effect: async (kind, _actor, answer) => assert.equal((await itemRow(h, answer.body.id)).group_id, groups[kind]),
  },
  'upload a version': {
    expect: writes(201),
    call: (who, kind, actor) => newVersion(who, 'alpha', files[kind].own.version[actor].id, `new version by ${actor}`),
    effect: async (kind, actor) => assert.equal((await contentOf(h, people.groupAdmin, files[kind].own.version[actor].id)).toString(), `new version by ${actor}`),
  },
  'rename a file': {
    expect: writes(200),
    call: (who, kind, actor) => who.client.patch(itemUrl(files[kind].own.rename[actor].id), { name: `renamed by ${actor}.txt` }),
    effect: async (kind, actor) => assert.equal((await itemRow(h, files[kind].own.rename[actor].id)).name, `renamed by ${actor}.txt`),
  },
  'trash a file': {
    expect: { ...writes(204), open: [204, 204, 204, 403, 404, 403, 403], archived: [403, 403, 403, 403, 404, 403, 403] },
    call: (who, kind, actor) => who.client.delete(itemUrl(files[kind].own.trash[actor].id)),
    effect: async (kind, actor) => assert.ok((await itemRow(h, files[kind].own.trash[actor].id)).trashed_at),
  },
  'share a file': {
    // Guests never share, members or not: refused before the file is even looked up.
    expect: {
      open: [201, 201, 403, 403, 403, 403, 403],
      private: [201, 201, 403, 404, 403, 404, 404],
      secret: [201, 201, 403, 404, 403, 404, 404],
      archived: [403, 403, 403, 403, 403, 403, 403],
    },
    call: (who, kind, actor) => who.client.post(itemUrl(files[kind].own.share[actor].id, '/shares'), { userId: people.dora.user.id, role: 'viewer' }),
    effect: async (kind, actor) => assert.equal((await h.owner.query('SELECT 1 FROM drive_shares WHERE item_id = $1', [files[kind].own.share[actor].id])).rowCount, 1),
  },
  'empty the trash': {
    expect: writes(204),
    call: (who, kind) => who.client.delete(driveUrl('alpha', `/trash?drive=${drive(kind)}`)),
  },
};

function parse(cell: Cell): { status: number; code: string | null } {
  const [status, code] = String(cell).split(' ');
  const n = Number(status);
  return { status: n, code: code ?? (n === 403 ? 'forbidden' : n === 404 ? 'not_found' : null) };
}

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const p = world.alpha.people;
  Object.assign(people, {
    groupAdmin: p.member, guestMember: p.guest, administrator: p.administrator, owner: p.owner,
    groupMember: await addMember(h, world.alpha, 'bob@alpha.test', 'Bob'),
    outsider: await addMember(h, world.alpha, 'carl@alpha.test', 'Carl'),
    guest: await addMember(h, world.alpha, 'gus@alpha.test', 'Gus', 'guest'),
    dora: await addMember(h, world.alpha, 'dora@alpha.test', 'Dora'),
  });
  for (const kind of KINDS) {
    const g = await makeGroup(people.groupAdmin, 'alpha', `Drive ${kind}`, 'private');
    for (const who of ['groupMember', 'guestMember'] as const) await addToGroup('alpha', g, people[who], people.groupAdmin);
    groups[kind] = g;
    const shared = await uploaded(people.groupAdmin, 'alpha', 'shared.txt', `shared in ${kind}`, { drive: `group:${g}` });
    const own = {} as Record<Change, Record<Actor, any>>;
    for (const change of CHANGES) {
      own[change] = {} as Record<Actor, any>;
      for (const actor of ACTORS) own[change][actor] = await uploaded(people.groupAdmin, 'alpha', `${change} by ${actor}.txt`, `${change} ${actor}`, { drive: `group:${g}` });
    }
    files[kind] = { shared, own };
    // A trashed file, so that emptying the trash has something to do.
    const trashed = await uploaded(people.groupAdmin, 'alpha', 'trashed.txt', 'trashed', { drive: `group:${g}` });
    assert.equal((await people.groupAdmin.client.delete(itemUrl(trashed.id))).status, 204);
    const settings = kind === 'archived' ? { visibility: 'open', archived: true } : kind === 'private' ? null : { visibility: kind };
    if (settings) assert.equal((await people.groupAdmin.client.patch(`/api/v1/i/alpha/groups/${g}`, settings)).status, 200);
  }
});
after(() => h.close());

describe('group drives by kind of group and actor', () => {
  for (const [label, route] of Object.entries(TABLE)) {
    test(label, async () => {
      const mismatches: string[] = [];
      for (const kind of KINDS) {
        for (const [i, actor] of ACTORS.entries()) {
          const where = `${kind} group, ${actor}`;
          const expected = parse(route.expect[kind][i]!);
          const before = await driveCounts(h);
          const answer = await route.call(people[actor], kind, actor);
          const code = answer.status >= 400 ? answer.body?.code : null;
          if (answer.status !== expected.status || code !== expected.code) {
            mismatches.push(`${where}: expected ${expected.status} ${expected.code ?? ''}, got ${answer.status} ${code ?? ''}`);
            continue;
          }
          try {
            if (answer.status < 300) await route.effect?.(kind, actor, answer);
            else assert.deepEqual(await driveCounts(h), before, 'a refused call wrote rows');
          } catch (error) {
            mismatches.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }

  test('readers who are not members see an empty trash', async () => {
    const trash = await people.outsider.client.get(driveUrl('alpha', `/trash?drive=${drive('open')}`));
    assert.deepEqual(trash.body.items, []);
  });
});

describe('membership changes', () => {
  test('a removed member of a private group can no longer download its files (404), at once', async () => {
    const admin = people.groupAdmin;
    const eve = await addMember(h, world.alpha, 'eve@alpha.test', 'Eve');
    const g = await makeGroup(admin, 'alpha', 'Removal', 'private');
    await addToGroup('alpha', g, eve, admin);
    const file = await uploaded(admin, 'alpha', 'team only.txt', 'team only', { drive: `group:${g}` });
    assert.equal((await contentOf(h, eve, file.id)).toString(), 'team only');
    const mine = await uploaded(eve, 'alpha', 'eve added.txt', 'by eve', { drive: `group:${g}` });
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/groups/${g}/members/${eve.user.id}`)).status, 204);
    for (const id of [file.id, mine.id]) {
      assertProblem(await eve.client.get(itemUrl(id, '/content')), 404, 'not_found');
      assertProblem(await eve.client.get(itemUrl(id)), 404, 'not_found');
      assertProblem(await newVersion(eve, 'alpha', id, 'still here?'), 404, 'not_found');
    }
    assertProblem(await eve.client.get(driveUrl('alpha', `/items?drive=group:${g}`)), 404, 'not_found');
    assertProblem(await upload(eve, 'alpha', 'sneak.txt', 'x', { drive: `group:${g}` }), 404, 'not_found');
    // What she added stays the group's.
    assert.equal((await itemRow(h, mine.id)).group_id, g);
  });

  test('a member who leaves an open group keeps reading it but can no longer write', async () => {
    const admin = people.groupAdmin;
    const fay = await addMember(h, world.alpha, 'fay@alpha.test', 'Fay');
    const g = await makeGroup(admin, 'alpha', 'Leaving', 'open');
    await addToGroup('alpha', g, fay);
    const file = await uploaded(admin, 'alpha', 'open file.txt', 'open', { drive: `group:${g}` });
    assert.equal((await newVersion(fay, 'alpha', file.id, 'member edit')).status, 201);
    assert.equal((await fay.client.post(`/api/v1/i/alpha/groups/${g}/leave`)).status, 204);
    assert.equal((await contentOf(h, fay, file.id)).toString(), 'member edit');
    assertProblem(await newVersion(fay, 'alpha', file.id, 'former member edit'), 403, 'read_only');
    assertProblem(await fay.client.delete(itemUrl(file.id)), 403, 'forbidden');
  });

  test('an archived group becomes writable again when unarchived', async () => {
    const admin = people.groupAdmin;
    assert.equal((await admin.client.patch(`/api/v1/i/alpha/groups/${groups.archived}`, { archived: false })).status, 200);
    assert.equal((await upload(people.guestMember, 'alpha', 'after unarchive.txt', 'x', { drive: drive('archived') })).status, 201);
    assert.equal((await admin.client.patch(`/api/v1/i/alpha/groups/${groups.archived}`, { archived: true })).status, 200);
  });

  test("deleting a group deletes its drive's items", async () => {
    const admin = people.groupAdmin;
    const g = await makeGroup(admin, 'alpha', 'Short lived', 'open');
    const file = await uploaded(admin, 'alpha', 'goes with the group.txt', 'x', { drive: `group:${g}` });
    assert.equal((await admin.client.delete(`/api/v1/i/alpha/groups/${g}`)).status, 204);
    assert.equal(await itemRow(h, file.id), undefined);
    assertProblem(await admin.client.get(itemUrl(file.id)), 404, 'not_found');
  });
});

describe('recent', () => {
  test('my files, my groups\' files and files shared with me, newest first; not groups I left or never joined, not the trash', async () => {
    const ivy = await addMember(h, world.alpha, 'ivy@alpha.test', 'Ivy');
    const admin = people.groupAdmin;
    const mine = await uploaded(ivy, 'alpha', 'ivy own.txt', 'own');
    const joined = await makeGroup(admin, 'alpha', 'Ivy joined', 'open');
    await addToGroup('alpha', joined, ivy);
    const inGroup = await uploaded(admin, 'alpha', 'in my group.txt', 'group', { drive: `group:${joined}` });
    const left = await makeGroup(admin, 'alpha', 'Ivy left', 'private');
    await addToGroup('alpha', left, ivy, admin);
    const inLeft = await uploaded(admin, 'alpha', 'in a group I left.txt', 'left', { drive: `group:${left}` });
    assert.equal((await ivy.client.post(`/api/v1/i/alpha/groups/${left}/leave`)).status, 204);
    const notJoined = await makeGroup(admin, 'alpha', 'Ivy never joined', 'open');
    const inOther = await uploaded(admin, 'alpha', 'in an open group.txt', 'other', { drive: `group:${notJoined}` });
    const sharedFile = await uploaded(people.dora, 'alpha', 'shared with ivy.txt', 'shared');
    await share(people.dora, sharedFile.id, { userId: ivy.user.id }, 'viewer');
    const trashed = await uploaded(ivy, 'alpha', 'ivy trashed.txt', 'trashed');
    assert.equal((await ivy.client.delete(itemUrl(trashed.id))).status, 204);
    await uploaded(ivy, 'alpha', 'a folder is not recent.txt', 'x');
    assert.equal((await ivy.client.post(driveUrl('alpha', '/folders'), { drive: 'me', name: 'Ivy folder' })).status, 201);
    const bumped = await newVersion(ivy, 'alpha', mine.id, 'own v2');
    assert.equal(bumped.status, 201);

    const recent = await ivy.client.get(driveUrl('alpha', '/recent'));
    assert.equal(recent.status, 200);
    const ids = recent.body.items.map((i: any) => i.id);
    assert.equal(ids[0], mine.id, 'the file changed last comes first');
    for (const item of [inGroup, sharedFile]) assert.ok(ids.includes(item.id), item.name);
    for (const item of [inLeft, inOther, trashed]) assert.ok(!ids.includes(item.id), item.name);
    assert.ok(recent.body.items.every((i: any) => i.kind === 'file'));
    const times = recent.body.items.map((i: any) => Date.parse(i.updatedAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const shared = recent.body.items.find((i: any) => i.id === sharedFile.id);
    assert.deepEqual([shared.drive, shared.permissions], [`user:${people.dora.user.id}`, { edit: false, manage: false }]);
  });

  // Each source (my drive, each of my groups' drives, my shares) gives its newest files through its own index
  // and the page is the newest of those (drive/queries.ts listRecent): a short page proves the merge.
  test('a page holds the newest files across my drive, my groups and what is shared with me or my groups, each once, with its permissions', async () => {
    const jo = await addMember(h, world.alpha, 'jo@alpha.test', 'Jo');
    const dora = people.dora;
    const team = await makeGroup(dora, 'alpha', 'Jo team', 'private');
    await addToGroup('alpha', team, jo, dora);
    const made = {
      own1: await uploaded(jo, 'alpha', 'jo 1.txt', '1'),
      own2: await uploaded(jo, 'alpha', 'jo 2.txt', '2'),
      own3: await uploaded(jo, 'alpha', 'jo 3.txt', '3'),
      team1: await uploaded(dora, 'alpha', 'team 1.txt', 't1', { drive: `group:${team}` }),
      team2: await uploaded(dora, 'alpha', 'team 2.txt', 't2', { drive: `group:${team}` }),
      // In the team's drive and shared with Jo as well: listed once.
      both: await uploaded(dora, 'alpha', 'team and jo.txt', 'b', { drive: `group:${team}` }),
      toJo: await uploaded(dora, 'alpha', 'dora to jo.txt', 's1'),
      toTeam: await uploaded(dora, 'alpha', 'dora to the team.txt', 's2'),
    };
    await share(dora, made.both.id, { userId: jo.user.id }, 'viewer');
    await share(dora, made.toJo.id, { userId: jo.user.id }, 'viewer');
    await share(dora, made.toTeam.id, { groupId: team }, 'viewer');
    // Newest first, the sources interleaved.
    const order = ['toTeam', 'own3', 'team1', 'both', 'toJo', 'own2', 'team2', 'own1'] as const;
    for (const [age, key] of order.entries()) {
      await h.owner.query("UPDATE drive_items SET updated_at = now() - make_interval(mins => $2) WHERE id = $1", [made[key].id, age + 1]);
    }
    const page = (limit: number) => inTransaction(h.s.pool, { instanceId: world.alpha.instance.id, userId: jo.user.id },
      async (tx) => (await listRecent(tx, world.alpha.instance.id, jo.user.id, limit)).map((i) => i.name));
    const names = order.map((key) => made[key].name);
    assert.deepEqual(await page(2), names.slice(0, 2));
    assert.deepEqual(await page(3), names.slice(0, 3));
    assert.deepEqual(await page(5), names.slice(0, 5));
    assert.deepEqual(await page(50), names);
    // The route works out each item's permissions from its drive, each drive's access asked once (drive/reads.ts readRecent).
    const listed = await jo.client.get(driveUrl('alpha', '/recent'));
    assert.equal(listed.status, 200);
    const permissions = Object.fromEntries(listed.body.items.map((i: any) => [i.name, [i.drive, i.permissions.edit, i.permissions.manage]]));
    const dorasDrive = `user:${dora.user.id}`;
    assert.deepEqual(permissions, {
      [made.own1.name]: ['me', true, true], [made.own2.name]: ['me', true, true], [made.own3.name]: ['me', true, true],
      [made.team1.name]: [`group:${team}`, true, true], [made.team2.name]: [`group:${team}`, true, true], [made.both.name]: [`group:${team}`, true, true],
      [made.toJo.name]: [dorasDrive, false, false], [made.toTeam.name]: [dorasDrive, false, false],
    });
  });
});
