// Uploads scanned by a real clamd: a clean file is stored; an infected one
// (the EICAR test file) is refused with 422, set aside in quarantine, and
// leaves nothing in any drive; chunked uploads and attachments go through the
// same scan; clamd being down refuses uploads (503) rather than skipping the scan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepDrive } from '../../src/modules/drive/sweep.ts';
import { startClamd, EICAR, EICAR_SIGNATURE, type Clamd } from '../support/clamd.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { driveUrl, upload } from './fixtures.ts';

let clamd: Clamd;
let h: Harness;
let world: World;
let ann: Person;

before(async () => {
  clamd = await startClamd();
  h = await startHarness(clamd.env);
  world = await buildWorld(h);
  ann = world.alpha.people.member;
});
after(async () => {
  await h.close();
  await clamd.close();
});

const count = async (table: string) => (await h.owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
const temporaryKeys = async () => {
  const keys: string[] = [];
  for await (const key of h.s.blobs.listTemp(new Date(Date.now() + 3_600_000))) keys.push(key);
  return keys;
};

describe('antivirus', () => {
  test('a clean file is scanned and stored', async () => {
    const answer = await upload(ann, 'alpha', 'clean.txt', 'nothing to see here');
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  test('an infected file: 422 file_infected naming the signature, nothing stored, the bytes and a row in quarantine', async () => {
    const [items, blobs] = [await count('drive_items'), await count('blobs')];
    const answer = await upload(ann, 'alpha', 'invoice.pdf', EICAR);
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.code, 'file_infected');
    assert.match(answer.body.detail, new RegExp(EICAR_SIGNATURE));
    assert.equal(await count('drive_items'), items);
    assert.equal(await count('blobs'), blobs);
    const { rows } = await h.owner.query('SELECT instance_id, uploaded_by, name, size, signature, temp_key FROM quarantined_files');
    assert.equal(rows.length, 1);
    assert.deepEqual({ ...rows[0], temp_key: undefined }, {
      instance_id: world.alpha.instance.id, uploaded_by: ann.user.id, name: 'invoice.pdf', size: EICAR.length, signature: EICAR_SIGNATURE, temp_key: undefined,
    });
    assert.deepEqual(await temporaryKeys(), [rows[0].temp_key]);
    assert.ok(h.logs.some((line) => line.includes('infected upload quarantined')));
    // The sweep keeps quarantined bytes for 30 days, then releases them with their row.
    await sweepDrive(h.s, new Date(Date.now() + 2 * 24 * 3_600_000));
    assert.deepEqual(await temporaryKeys(), [rows[0].temp_key]);
    await sweepDrive(h.s, new Date(Date.now() + 31 * 24 * 3_600_000));
    assert.deepEqual(await temporaryKeys(), []);
    assert.equal(await count('quarantined_files'), 0);
  });

  test('a chunked upload is scanned when assembled; an attachment when uploaded', async () => {
    const started = await ann.client.post(driveUrl('alpha', '/uploads'), { drive: 'me', name: 'parts.bin', size: EICAR.length });
    const half = Math.floor(EICAR.length / 2);
    for (const [index, part] of [EICAR.subarray(0, half), EICAR.subarray(half)].entries()) {
      assert.equal((await ann.client.request('PUT', driveUrl('alpha', `/uploads/${started.body.id}/parts/${index}`), part, { 'content-type': 'application/octet-stream' })).status, 200);
    }
    const done = await ann.client.post(driveUrl('alpha', `/uploads/${started.body.id}/complete`));
    assert.equal(done.status, 422);
    assert.equal(done.body.code, 'file_infected');
    const attachment = await ann.client.request('POST', '/api/v1/i/alpha/attachments?name=eicar.com', EICAR, { 'content-type': 'application/octet-stream' });
    assert.equal(attachment.status, 422);
    assert.equal(attachment.body.code, 'file_infected');
  });

  test('clamd down: 503 scan_unavailable and nothing stored', async () => {
    const down = await startHarness({ CLAMAV_SOCKET: `${clamd.socket}.missing` });
    try {
      const w = await buildWorld(down);
      const answer = await upload(w.alpha.people.member, 'alpha', 'clean.txt', 'clean but unscanned');
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'scan_unavailable');
      assert.equal((await down.owner.query('SELECT count(*)::int AS n FROM drive_items')).rows[0].n, 0);
    } finally {
      await down.close();
    }
  });
});
