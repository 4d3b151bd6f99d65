// Profiles through the real API: standard fields, who edits whose profile, custom field definitions and
// typed values (edit rights, required fields, deletion from every profile), markup kept as plain text.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';
import { assertProblem, defineField, profileRow as rowOf } from './fixtures.ts';

let h: Harness;
let world: World;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
});
after(() => h.close());

const profileRow = (slug: string, userId: string) => rowOf(h, slug, userId);

describe('standard profile fields', () => {
  const url = (userId: string) => `/api/v1/i/alpha/people/${userId}`;

  test('my profile starts empty, and nothing is stored until I edit it', async () => {
    const { member } = world.alpha.people;
    const answer = await member.client.get(url(member.user.id));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      userId: member.user.id, displayName: 'alpha member', email: 'member@alpha.test', role: 'member',
      jobTitle: '', department: '', location: '', about: '', fields: {}, missingRequired: [], avatarUrl: null, canEdit: true, following: false,
    });
    assert.equal(await profileRow('alpha', member.user.id), undefined);
  });

  test('a profile says whether I follow that person', async () => {
    const { member, administrator } = world.alpha.people;
    assert.equal((await member.client.get(url(administrator.user.id))).body.following, false);
    assert.equal((await member.client.request('PUT', `${url(administrator.user.id)}/follow`)).status, 204);
    assert.equal((await member.client.get(url(administrator.user.id))).body.following, true);
    assert.equal((await administrator.client.get(url(member.user.id))).body.following, false, 'following is one-way');
    assert.equal((await member.client.request('DELETE', `${url(administrator.user.id)}/follow`)).status, 204);
    assert.equal((await member.client.get(url(administrator.user.id))).body.following, false);
  });

  test('job title, department, location and about are trimmed; untouched ones are kept', async () => {
    const { member } = world.alpha.people;
    const first = await member.client.patch(url(member.user.id), { jobTitle: '  Engineer ', department: '\tR&D', location: 'Lyon  ', about: ' Hello\nworld \n' });
    assert.equal(first.status, 200);
    assert.deepEqual([first.body.jobTitle, first.body.department, first.body.location, first.body.about], ['Engineer', 'R&D', 'Lyon', 'Hello\nworld']);
    const second = await member.client.patch(url(member.user.id), { location: 'Paris' });
    assert.equal(second.status, 200);
    assert.deepEqual(await profileRow('alpha', member.user.id), { job_title: 'Engineer', department: 'R&D', location: 'Paris', about: 'Hello\nworld', fields: {} });
  });

  test('too long, empty or unknown properties: 400 validation_failed, nothing saved', async () => {
    const { member } = world.alpha.people;
    const before = await profileRow('alpha', member.user.id);
    for (const body of [{ jobTitle: 'x'.repeat(101) }, { department: 'x'.repeat(101) }, { location: 'x'.repeat(101) },
      { about: 'x'.repeat(2001) }, { about: 'ok', displayName: 'Renamed' }, {}]) {
      assertProblem(await member.client.patch(url(member.user.id), body), 400, 'validation_failed', JSON.stringify(body).slice(0, 40));
    }
    assert.deepEqual(await profileRow('alpha', member.user.id), before);
  });

  test("someone else's profile: members and guests cannot edit it, administrators can", async () => {
    const { owner, administrator, member, guest } = world.alpha.people;
    assertProblem(await member.client.patch(url(administrator.user.id), { jobTitle: 'Intern' }), 403, 'forbidden');
    // The guest shares no group with the member: the profile does not exist for them.
    assertProblem(await guest.client.patch(url(member.user.id), { jobTitle: 'Intern' }), 404, 'not_found');
    assert.equal(await profileRow('alpha', administrator.user.id), undefined);
    assert.equal((await member.client.get(url(administrator.user.id))).body.canEdit, false);

    for (const editor of [administrator, owner]) {
      const answer = await editor.client.patch(url(member.user.id), { jobTitle: `Set by ${editor.user.displayName}` });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.canEdit, true);
    }
    assert.equal((await profileRow('alpha', member.user.id))?.job_title, 'Set by alpha owner');
  });

  test('an unknown custom field id: 400 unknown_field, nothing saved', async () => {
    const { member } = world.alpha.people;
    const before = await profileRow('alpha', member.user.id);
    assertProblem(await member.client.patch(url(member.user.id), { location: 'Nowhere', fields: { [randomUUID()]: 'x' } }), 400, 'unknown_field');
    assert.deepEqual(await profileRow('alpha', member.user.id), before);
  });
});

describe('custom field definitions', () => {
  const fields = '/api/v1/i/alpha/profile-fields';

  test('an administrator defines text, choice and date fields; everyone reads them, in position order', async () => {
    const admin = world.alpha.people.administrator.client;
    const date = await defineField(admin, 'alpha', { label: 'Started on', type: 'date', position: 3 });
    const choice = await defineField(admin, 'alpha', { label: ' Office ', type: 'choice', choices: [' Paris', 'Lyon '], position: 2 });
    const text = await defineField(admin, 'alpha', { label: 'Pronouns', type: 'text', position: 1 });
    assert.deepEqual((await world.alpha.people.guest.client.get(fields)).body.items, [
      { id: text, label: 'Pronouns', type: 'text', choices: [], required: false, editableBy: 'user', position: 1 },
      { id: choice, label: 'Office', type: 'choice', choices: ['Paris', 'Lyon'], required: false, editableBy: 'user', position: 2 },
      { id: date, label: 'Started on', type: 'date', choices: [], required: false, editableBy: 'user', position: 3 },
    ]);
    assert.deepEqual((await world.beta.people.administrator.client.get('/api/v1/i/beta/profile-fields')).body.items, []);
  });

  test('choices: required for a choice field, refused on others, blank or duplicate once trimmed refused', async () => {
    const admin = world.alpha.people.administrator.client;
    for (const [code, type, choices] of [['choices_required', 'choice', undefined], ['choices_required', 'choice', []],
      ['choices_not_allowed', 'text', ['a']], ['choices_not_allowed', 'date', ['a']],
      ['invalid_choices', 'choice', ['a', ' a']], ['invalid_choices', 'choice', ['a', '  ']]] as const) {
      assertProblem(await admin.post(fields, { label: 'Team', type, choices }), 400, code, `${type} ${JSON.stringify(choices)}`);
    }
    assert.equal((await h.owner.query("SELECT 1 FROM profile_fields WHERE label = 'Team'")).rowCount, 0);
  });

  test('a label already used, whatever its case: 409 field_label_taken, on creation and on rename', async () => {
    const admin = world.alpha.people.administrator.client;
    assertProblem(await admin.post(fields, { label: 'PRONOUNS', type: 'text' }), 409, 'field_label_taken');
    assertProblem(await admin.post(fields, { label: ' pronouns ', type: 'date' }), 409, 'field_label_taken');
    const other = await defineField(admin, 'alpha', { label: 'Nickname', type: 'text' });
    assertProblem(await admin.patch(`${fields}/${other}`, { label: 'pronouns' }), 409, 'field_label_taken');
    const { rows } = await h.owner.query<{ label: string }>("SELECT label FROM profile_fields WHERE lower(label) IN ('pronouns', 'nickname') ORDER BY label");
    assert.deepEqual(rows.map((r) => r.label), ['Nickname', 'Pronouns']);
    // Another instance may use the same label.
    await defineField(world.beta.people.administrator.client, 'beta', { label: 'Pronouns', type: 'text' });
  });

  test('members and guests cannot define, change or delete fields: 403, nothing changed', async () => {
    const { rows: [field] } = await h.owner.query<{ id: string }>("SELECT id FROM profile_fields WHERE label = 'Nickname'");
    for (const person of [world.alpha.people.member, world.alpha.people.guest]) {
      assertProblem(await person.client.post(fields, { label: 'Shoe size', type: 'text' }), 403, 'forbidden');
      assertProblem(await person.client.patch(`${fields}/${field!.id}`, { required: true }), 403, 'forbidden');
      assertProblem(await person.client.delete(`${fields}/${field!.id}`), 403, 'forbidden');
    }
    assert.equal((await h.owner.query("SELECT 1 FROM profile_fields WHERE label = 'Nickname' AND NOT required")).rowCount, 1);
    assert.equal((await h.owner.query("SELECT 1 FROM profile_fields WHERE label = 'Shoe size'")).rowCount, 0);
  });
});

describe('custom field values', () => {
  const url = (userId: string) => `/api/v1/i/alpha/people/${userId}`;
  let pronouns: string, office: string, started: string;
  before(async () => {
    const items: any[] = (await world.alpha.people.member.client.get('/api/v1/i/alpha/profile-fields')).body.items;
    [pronouns, office, started] = ['Pronouns', 'Office', 'Started on'].map((label) => items.find((f) => f.label === label).id);
  });

  test('a member sets a text field, a choice from the list and a real date', async () => {
    const { member } = world.alpha.people;
    const answer = await member.client.patch(url(member.user.id), { fields: { [pronouns]: ' they/them ', [office]: 'Lyon', [started]: '2028-02-29' } });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.fields, { [pronouns]: 'they/them', [office]: 'Lyon', [started]: '2028-02-29' });
    assert.deepEqual((await profileRow('alpha', member.user.id))?.fields, answer.body.fields);
  });

  test('a choice outside the list or an impossible or misformatted date: 400 invalid_field, nothing saved', async () => {
    const { member } = world.alpha.people;
    const before = await profileRow('alpha', member.user.id);
    const cases = [[office, 'Marseille'], [office, 'lyon'], [started, '2026-02-30'], [started, '2026-04-31'],
      [started, '31/12/2026'], [started, '2026-13-01'], [started, '2026-1-5'], [started, '2026-00-10']] as const;
    for (const [id, value] of cases) {
      const answer = await member.client.patch(url(member.user.id), { jobTitle: 'Changed', fields: { [id]: value } });
      assertProblem(answer, 400, 'invalid_field', value);
      assert.equal(answer.body.errors[0].path, `body/fields/${id}`);
    }
    assert.deepEqual(await profileRow('alpha', member.user.id), before);
  });

  test('a choice renamed with stray spaces can still be picked', async () => {
    const admin = world.alpha.people.administrator.client;
    const changed = await admin.patch(`/api/v1/i/alpha/profile-fields/${office}`, { choices: [' Lyon', 'Grenoble '] });
    assert.equal(changed.status, 200);
    assert.deepEqual(changed.body.choices, ['Lyon', 'Grenoble']);
    const { member } = world.alpha.people;
    assert.equal((await member.client.patch(url(member.user.id), { fields: { [office]: 'Grenoble' } })).status, 200);
  });

  test('an administrators-only field: the member cannot set it, even on their own profile; an administrator can', async () => {
    const { administrator, member } = world.alpha.people;
    const badge = await defineField(administrator.client, 'alpha', { label: 'Badge', type: 'text', editableBy: 'admin' });
    assertProblem(await member.client.patch(url(member.user.id), { fields: { [badge]: 'B-7' } }), 403, 'forbidden');
    assert.equal((await profileRow('alpha', member.user.id))?.fields[badge], undefined);
    const set = await administrator.client.patch(url(member.user.id), { fields: { [badge]: 'B-7' } });
    assert.equal(set.status, 200);
    // The member's own edits keep the value they cannot change.
    assert.equal((await member.client.patch(url(member.user.id), { location: 'Nantes' })).status, 200);
    assert.equal((await profileRow('alpha', member.user.id))?.fields[badge], 'B-7');
    assert.equal((await member.client.get(url(member.user.id))).body.fields[badge], 'B-7');
  });

  test('null or an empty value clears a field', async () => {
    const { member } = world.alpha.people;
    const answer = await member.client.patch(url(member.user.id), { fields: { [pronouns]: null, [office]: '  ' } });
    assert.equal(answer.status, 200);
    const stored = (await profileRow('alpha', member.user.id))!.fields;
    assert.ok(!(pronouns in stored) && !(office in stored), JSON.stringify(stored));
    assert.equal(stored[started], '2028-02-29');
  });

  test('markup is stored and answered as plain text, byte for byte', async () => {
    const { member } = world.alpha.people;
    const about = '<script>alert(document.cookie)</script><img src=x onerror="alert(1)"> & &amp; \u202e';
    const value = '"><svg onload=alert(1)>{{constructor.constructor(\'alert(1)\')()}}';
    const answer = await member.client.patch(url(member.user.id), { about, jobTitle: '<b>Boss</b>', fields: { [pronouns]: value } });
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const read = await member.client.get(url(member.user.id));
    assert.deepEqual([read.body.about, read.body.jobTitle, read.body.fields[pronouns]], [about, '<b>Boss</b>', value]);
    const row = await profileRow('alpha', member.user.id);
    assert.deepEqual([row?.about, row?.job_title, row?.fields[pronouns]], [about, '<b>Boss</b>', value]);
  });
});

describe('required fields and deleting a field (beta)', () => {
  const url = (userId: string) => `/api/v1/i/beta/people/${userId}`;

  test('a required field blocks profile edits until it is filled; clearing it is refused', async () => {
    const { administrator, member } = world.beta.people;
    const number = await defineField(administrator.client, 'beta', { label: 'Employee number', type: 'text', required: true });
    assert.deepEqual((await member.client.get(url(member.user.id))).body.missingRequired, [number]);
    assertProblem(await member.client.patch(url(member.user.id), { jobTitle: 'Chef' }), 400, 'invalid_field');
    assert.equal(await profileRow('beta', member.user.id), undefined);

    const filled = await member.client.patch(url(member.user.id), { jobTitle: 'Chef', fields: { [number]: 'E-12' } });
    assert.equal(filled.status, 200);
    assert.deepEqual(filled.body.missingRequired, []);
    assertProblem(await member.client.patch(url(member.user.id), { fields: { [number]: null } }), 400, 'invalid_field');
    assert.deepEqual(await profileRow('beta', member.user.id), { job_title: 'Chef', department: '', location: '', about: '', fields: { [number]: 'E-12' } });
  });

  test('a required administrators-only field does not block the member, but the administrator must fill it', async () => {
    const { administrator, member } = world.beta.people;
    const grade = await defineField(administrator.client, 'beta', { label: 'Grade', type: 'choice', choices: ['A', 'B'], required: true, editableBy: 'admin' });
    const edited = await member.client.patch(url(member.user.id), { location: 'Oslo' });
    assert.equal(edited.status, 200);
    assert.ok(edited.body.missingRequired.includes(grade));
    assertProblem(await administrator.client.patch(url(member.user.id), { location: 'Bergen' }), 400, 'invalid_field');
    assert.equal((await profileRow('beta', member.user.id))?.location, 'Oslo');
    assert.equal((await administrator.client.patch(url(member.user.id), { location: 'Bergen', fields: { [grade]: 'B' } })).status, 200);
  });

  test('deleting a field removes its values from every profile', async () => {
    const { owner, administrator, member } = world.beta.people;
    const items: any[] = (await administrator.client.get('/api/v1/i/beta/profile-fields')).body.items;
    for (const field of items.filter((f) => f.required)) {
      assert.equal((await administrator.client.patch(`/api/v1/i/beta/profile-fields/${field.id}`, { required: false })).status, 200);
    }
    const team = await defineField(administrator.client, 'beta', { label: 'Team', type: 'text' });
    for (const person of [owner, administrator, member]) {
      assert.equal((await person.client.patch(url(person.user.id), { fields: { [team]: `team of ${person.email}` } })).status, 200);
    }
    const holding = async () => (await h.owner.query('SELECT user_id FROM profiles WHERE fields ? $1', [team])).rowCount;
    assert.equal(await holding(), 3);
    const { [team]: removed, ...kept } = (await profileRow('beta', member.user.id))!.fields;
    assert.equal(removed, 'team of member@beta.test');
    assert.equal(Object.keys(kept).length, 2);

    assert.equal((await administrator.client.delete(`/api/v1/i/beta/profile-fields/${team}`)).status, 204);
    assert.equal(await holding(), 0);
    assert.equal((await h.owner.query('SELECT 1 FROM profile_fields WHERE id = $1', [team])).rowCount, 0);
    assert.deepEqual((await profileRow('beta', member.user.id))!.fields, kept);
    assertProblem(await administrator.client.delete(`/api/v1/i/beta/profile-fields/${team}`), 404, 'not_found');
  });
});
