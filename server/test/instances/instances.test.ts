// Instances through the real API: creation and its slug rules, the creator as
// owner, settings, and ownership transfer with its guards (the database must
// always hold exactly one owner per instance).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, newUser, type Person, type World } from '../support/world.ts';

let h: Harness;
let world: World;
let founder: Person;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  founder = await newUser(h, 'founder@example.test', 'Founder');
});
after(() => h.close());

async function instanceCount(): Promise<number> {
  return (await h.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM instances')).rows[0]!.n;
}

async function roles(slug: string): Promise<Record<string, string>> {
  const { rows } = await h.owner.query<{ email: string; role: string }>(
    'SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id WHERE i.slug = $1', [slug]);
  return Object.fromEntries(rows.map((r) => [r.email, r.role]));
}

describe('creating an instance', () => {
  test('the creator becomes its owner and sees it in /api/v1/me', async () => {
    const answer = await founder.client.post('/api/v1/instances', { name: '  Acme Corp ', slug: 'acme-corp', defaultLocale: 'fr' });
    assert.equal(answer.status, 201);
    assert.deepEqual({ ...answer.body, id: undefined }, { id: undefined, slug: 'acme-corp', name: 'Acme Corp', defaultLocale: 'fr', role: 'owner', status: 'active' });
    assert.deepEqual(await roles('acme-corp'), { 'founder@example.test': 'owner' });
    const me = await founder.client.get('/api/v1/me');
    assert.deepEqual(me.body.instances.map((i: any) => [i.slug, i.role, i.id]), [['acme-corp', 'owner', answer.body.id]]);
    const own = await founder.client.get('/api/v1/i/acme-corp');
    assert.equal(own.status, 200);
    assert.equal(own.body.role, 'owner');
  });

  const badSlugs: Array<[string, string]> = [
    ['uppercase', 'Acme'], ['too short', 'ab'], ['leading hyphen', '-acme'], ['trailing hyphen', 'acme-'],
    ['too long', 'a'.repeat(41)], ['a space', 'ac me'], ['an underscore', 'ac_me'],
  ];
  for (const [label, slug] of badSlugs) {
    test(`a slug with ${label} is refused: 400 validation_failed`, async () => {
      const before = await instanceCount();
      const answer = await founder.client.post('/api/v1/instances', { name: 'Bad', slug, defaultLocale: 'en' });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'validation_failed');
      assert.equal(answer.body.errors[0].path, 'body/slug');
      assert.equal(await instanceCount(), before);
    });
  }

  for (const slug of ['admin', 'api', 'operator']) {
    test(`the reserved slug "${slug}" is refused: 409 slug_taken`, async () => {
      const before = await instanceCount();
      const answer = await founder.client.post('/api/v1/instances', { name: 'Reserved', slug, defaultLocale: 'en' });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.code, 'slug_taken');
      assert.equal(await instanceCount(), before);
    });
  }

  test("another instance's slug is refused: 409 slug_taken, and no membership is left behind", async () => {
    const before = await instanceCount();
    const answer = await founder.client.post('/api/v1/instances', { name: 'Copycat', slug: 'alpha', defaultLocale: 'en' });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.code, 'slug_taken');
    assert.equal(await instanceCount(), before);
    assert.equal((await roles('alpha'))['founder@example.test'], undefined);
    assert.equal((await h.owner.query("SELECT 1 FROM instances WHERE name = 'Copycat'")).rowCount, 0);
  });

  test('a blank name or an unknown locale is refused', async () => {
    for (const body of [{ name: '   ', slug: 'blank-name', defaultLocale: 'en' }, { name: 'Locale', slug: 'bad-locale', defaultLocale: 'de' }]) {
      const answer = await founder.client.post('/api/v1/instances', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 'validation_failed');
    }
  });
});

describe('settings', () => {
  test('an administrator changes the name and default locale', async () => {
    const answer = await world.alpha.people.administrator.client.patch('/api/v1/i/alpha', { name: 'Alpha Renamed', defaultLocale: 'fr' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.name, 'Alpha Renamed');
    assert.equal(answer.body.defaultLocale, 'fr');
    assert.equal(answer.body.role, 'administrator');
    const { rows } = await h.owner.query('SELECT name, default_locale FROM instances WHERE slug = $1', ['alpha']);
    assert.deepEqual(rows[0], { name: 'Alpha Renamed', default_locale: 'fr' });
    const seen = await world.alpha.people.guest.client.get('/api/v1/i/alpha');
    assert.equal(seen.body.name, 'Alpha Renamed');
  });

  test('a member cannot change settings, and an empty or unknown change is refused', async () => {
    const member = await world.alpha.people.member.client.patch('/api/v1/i/alpha', { name: 'Hijacked' });
    assert.equal(member.status, 403);
    assert.equal(member.body.code, 'forbidden');
    const empty = await world.alpha.people.owner.client.patch('/api/v1/i/alpha', {});
    assert.equal(empty.status, 400);
    const unknown = await world.alpha.people.owner.client.patch('/api/v1/i/alpha', { status: 'suspended' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.code, 'validation_failed');
    const { rows } = await h.owner.query('SELECT name, status FROM instances WHERE slug = $1', ['alpha']);
    assert.deepEqual(rows[0], { name: 'Alpha Renamed', status: 'active' });
  });
});

describe('ownership transfer', () => {
  const transfer = (from: Person, slug: string, to: Person) =>
    from.client.post(`/api/v1/i/${slug}/ownership`, { userId: to.user.id });

  test('the owner hands gamma to a member, who becomes owner; the old owner becomes administrator', async () => {
    const { owner, member } = world.gamma.people;
    const answer = await transfer(owner, 'gamma', member);
    assert.equal(answer.status, 204);
    const now = await roles('gamma');
    assert.equal(now[member.email], 'owner');
    assert.equal(now[owner.email], 'administrator');
    assert.equal(Object.values(now).filter((r) => r === 'owner').length, 1);
    assert.equal((await member.client.get('/api/v1/i/gamma')).body.role, 'owner');
    assert.equal((await owner.client.get('/api/v1/i/gamma')).body.role, 'administrator');
    // The former owner has lost the right to transfer.
    assert.equal((await transfer(owner, 'gamma', world.gamma.people.guest)).status, 403);
  });

  test('a transfer to someone outside the instance answers 404 and changes nothing', async () => {
    const before = await roles('beta');
    const answer = await transfer(world.beta.people.owner, 'beta', world.alpha.people.member);
    assert.equal(answer.status, 404);
    assert.deepEqual(await roles('beta'), before);
  });

  test('an administrator cannot transfer ownership: 403, nothing changes', async () => {
    const before = await roles('beta');
    const answer = await transfer(world.beta.people.administrator, 'beta', world.beta.people.member);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'forbidden');
    assert.deepEqual(await roles('beta'), before);
  });

  test('the owner cannot transfer to a disabled member, nor to themselves', async () => {
    const { owner, guest } = world.beta.people;
    assert.equal((await owner.client.patch(`/api/v1/i/beta/members/${guest.user.id}`, { status: 'disabled' })).status, 200);
    const before = await roles('beta');
    assert.equal((await transfer(owner, 'beta', guest)).status, 403);
    assert.equal((await transfer(owner, 'beta', owner)).status, 403);
    assert.deepEqual(await roles('beta'), before);
    assert.equal(before[owner.email], 'owner');
  });
});
