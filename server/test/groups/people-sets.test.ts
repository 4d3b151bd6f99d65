// People sets: a group's rule on a profile attribute keeps its membership in
// step with profiles, in the same transaction as the change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';

let h: Harness;
let world: World;
let groupId: string;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  const group = await world.alpha.people.owner.client.post('/api/v1/i/alpha/groups', { name: 'Lyon office', visibility: 'private' });
  assert.equal(group.status, 201);
  groupId = group.body.id;
});
after(() => h.close());

async function members(): Promise<Record<string, string>> {
  const { rows } = await h.owner.query<{ email: string; source: string }>(
    'SELECT u.email, gm.source FROM group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 ORDER BY u.email', [groupId]);
  return Object.fromEntries(rows.map((r) => [r.email, r.source]));
}

const setLocation = (person: keyof World['alpha']['people'], location: string) =>
  world.alpha.people[person].client.patch(`/api/v1/i/alpha/people/${world.alpha.people[person].user.id}`, { location });

test('setting the rule adds the members who match, case-insensitively, but never guests', async () => {
  assert.equal((await setLocation('member', 'lyon')).status, 200);
  assert.equal((await setLocation('guest', 'Lyon')).status, 200);
  const set = await world.alpha.people.owner.client.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: { attribute: 'location', value: 'Lyon' } });
  assert.equal(set.status, 200);
  assert.deepEqual(set.body.rule, { attribute: 'location', value: 'Lyon' });
  assert.deepEqual(await members(), { 'member@alpha.test': 'rule', 'owner@alpha.test': 'manual' });
});

test('a profile change joins or leaves the group at once; manual members stay', async () => {
  assert.equal((await setLocation('administrator', 'Lyon')).status, 200);
  assert.equal((await members())['administrator@alpha.test'], 'rule');
  assert.equal((await setLocation('member', 'Paris')).status, 200);
  assert.equal((await members())['member@alpha.test'], undefined);
  assert.equal((await setLocation('owner', 'Paris')).status, 200);
  assert.equal((await members())['owner@alpha.test'], 'manual', 'the creator joined by hand and stays');
});

test('a disabled member leaves; re-enabled, they come back', async () => {
  const admin = world.alpha.people.administrator.user.id;
  assert.equal((await world.alpha.people.owner.client.patch(`/api/v1/i/alpha/members/${admin}`, { status: 'disabled' })).status, 200);
  assert.equal((await members())['administrator@alpha.test'], undefined);
  assert.equal((await world.alpha.people.owner.client.patch(`/api/v1/i/alpha/members/${admin}`, { status: 'active' })).status, 200);
  assert.equal((await members())['administrator@alpha.test'], 'rule');
});

test('a rule on a custom field; clearing the rule removes only the members it added', async () => {
  const owner = world.alpha.people.owner.client;
  const field = await owner.post('/api/v1/i/alpha/profile-fields', { label: 'Team', type: 'choice', choices: ['Blue', 'Red'] });
  assert.equal(field.status, 201);
  const bad = await owner.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: { attribute: 'field', value: 'Blue' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'unknown_field');
  assert.equal((await owner.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: { attribute: 'field', fieldId: field.body.id, value: 'blue' } })).status, 200);
  assert.equal((await world.alpha.people.member.client.patch(`/api/v1/i/alpha/people/${world.alpha.people.member.user.id}`, { fields: { [field.body.id]: 'Blue' } })).status, 200);
  assert.deepEqual(await members(), { 'member@alpha.test': 'rule', 'owner@alpha.test': 'manual' }, 'the location rule was replaced');
  assert.equal((await owner.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: null })).status, 200);
  assert.deepEqual(await members(), { 'owner@alpha.test': 'manual' });
});

test('only group administrators set it; other instances cannot even see the group', async () => {
  const member = await world.alpha.people.member.client.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: { attribute: 'location', value: 'Lyon' } });
  assert.equal(member.status, 403, 'the private group is visible to members; its people set is for its administrators');
  const foreign = await world.beta.people.owner.client.request('PUT', `/api/v1/i/alpha/groups/${groupId}/people-set`, { rule: null });
  assert.equal(foreign.status, 404);
});
