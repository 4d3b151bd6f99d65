// The drive's limits on a server configured small (a file ≤ 1000 bytes, a
// person ≤ 3000, an instance ≤ 5000): an upload past a limit is refused
// (413 file_too_large, 507 quota_exceeded) and stores nothing, whether it
// announced its length or streamed without one; two uploads racing for the
// last free bytes cannot both win; a body that breaks off halfway leaves no
// trace. Every case that fills a quota has an instance of its own (alpha
// keeps the per-file cases), since blobs stay counted until the sweep.
// Streamed bodies the server stops reading go over a real socket: app.inject()
// turns the server dropping the rest of a body into a rejected promise.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { addMember } from '../feed/fixtures.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import {
  assertNothingStored, assertProblem, blobRows, chunksOf, contentOf, driveCounts, driveUrl, itemUrl, newTenant, overSocket, racing, raw, sha256,
  storedObjects, upload, uploaded,
} from './fixtures.ts';

let h: Harness;
let world: World;

before(async () => {
  h = await startHarness({ DRIVE_MAX_FILE_BYTES: '1000', DRIVE_USER_QUOTA_BYTES: '3000', DRIVE_INSTANCE_QUOTA_BYTES: '5000' });
  world = await buildWorld(h);
});
after(() => h.close());

const filesUrl = (name: string, slug = 'alpha') => driveUrl(slug, `/files?drive=me&name=${encodeURIComponent(name)}`);

/** A body streamed in `chunk`-byte pieces, without a Content-Length. */
function streamed(content: Buffer, chunk = 100): Readable {
  return Readable.from((function* () {
    for (let at = 0; at < content.length; at += chunk) yield content.subarray(at, at + chunk);
  })(), { objectMode: false });
}

/** Waits (at most two seconds) until `done` holds: cleanups after a broken body run after the answer. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Waits (at most five seconds) until `done` has held for half a second: after a client hangs up, the server may
 * not even have started on its request yet (a busy machine), so "nothing there" must last, not just be seen once.
 */
async function settled(done: () => Promise<boolean>): Promise<void> {
  let since: number | null = null;
  for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (!(await done())) since = null;
    else if (since === null) since = Date.now();
    else if (Date.now() - since >= 500) return;
  }
}

/** A body that sends `before` bytes, then fails as a dropped connection does. */
function breaksOff(content: Buffer, before: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(content.subarray(0, before));
        return;
      }
      setImmediate(() => this.destroy(new Error('connection reset by peer')));
    },
  });
}

async function usage(by: Person, slug = 'alpha'): Promise<any> {
  const answer = await by.client.get(driveUrl(slug, '/usage'));
  assert.equal(answer.status, 200);
  return answer.body;
}

describe('file size', () => {
  test('an announced Content-Length over the limit: 413 file_too_large before the body is read, nothing stored', async () => {
    const ann = world.alpha.people.member;
    const total = 10 * 1024 * 1024;
    let produced = 0;
    const body = new Readable({
      read() {
        if (produced >= total) return void this.push(null);
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 1));
      },
    });
    await assertNothingStored(h, async () => {
      const answer = await raw(h, ann, 'POST', filesUrl('huge.bin'), { payload: body, headers: { 'content-length': String(total), 'content-type': 'application/octet-stream' } });
      assert.equal(answer.statusCode, 413, answer.body);
      assert.equal(answer.json().code, 'file_too_large');
      assert.equal(answer.headers.connection, 'close', 'the rest of the body is not read to keep the connection');
      const small = await raw(h, ann, 'POST', filesUrl('one-more.bin'), { payload: Buffer.alloc(1001, 2) });
      assertProblem({ status: small.statusCode, body: small.json() }, 413, 'file_too_large');
    });
    assert.ok(produced < total / 2, `only the first bytes were pulled (${produced} of ${total})`);
  });

  test('a streamed body without Content-Length is cut off once past the limit: 413, nothing stored', async () => {
    const ann = world.alpha.people.member;
    await assertNothingStored(h, async () => {
      for (const size of [1001, 5000]) {
        const answer = await overSocket(h, ann, 'POST', filesUrl(`stream-${size}.bin`), chunksOf(randomBytes(size), 200));
        assert.ok(answer, 'the server answered');
        assertProblem(answer, 413, 'file_too_large', String(size));
      }
    });
  });

  test('exactly the limit is fine, streamed or not', async () => {
    const ann = world.alpha.people.member;
    const content = randomBytes(1000);
    const answer = await raw(h, ann, 'POST', filesUrl('exact.bin'), { payload: streamed(content, 333) });
    assert.equal(answer.statusCode, 201, answer.body);
    assert.ok((await contentOf(h, ann, answer.json().id)).equals(content));
  });

  test('a new version over the limit: 413 and the file keeps its version', async () => {
    const ann = world.alpha.people.member;
    const file = await uploaded(ann, 'alpha', 'small.txt', 'small');
    await assertNothingStored(h, async () => {
      const answer = await overSocket(h, ann, 'POST', itemUrl(file.id, '/versions'), chunksOf(randomBytes(1200), 100));
      assertProblem(answer ?? { status: 0, body: null }, 413, 'file_too_large');
    });
    assert.equal((await ann.client.get(itemUrl(file.id))).body.version, 1);
  });
});

describe("a person's quota", () => {
  let zoe: Person;
  let first: Buffer;
  test('past 3000 bytes: 507 quota_exceeded, announced or streamed, nothing stored; content already mine costs nothing', async () => {
    const delta = await newTenant(h, 'delta');
    zoe = await addMember(h, delta, 'zoe@delta.test', 'Zoe');
    first = randomBytes(1000);
    await uploaded(zoe, 'delta', 'first.bin', first);
    await uploaded(zoe, 'delta', 'second.bin', randomBytes(1000));
    // The same content again (another name) is the same blob: nothing more is counted.
    assert.equal((await upload(zoe, 'delta', 'again.bin', first)).status, 201);
    assert.equal((await usage(zoe, 'delta')).usedBytes, 2000);
    await uploaded(zoe, 'delta', 'third.bin', randomBytes(900));
    const used = await usage(zoe, 'delta');
    assert.deepEqual([used.usedBytes, used.quotaBytes, used.instanceUsedBytes], [2900, 3000, 2900]);
    await assertNothingStored(h, async () => {
      const refused = await upload(zoe, 'delta', 'over.bin', randomBytes(101));
      assertProblem(refused, 507, 'quota_exceeded');
      assert.match(refused.body.detail, /Your storage space is full/);
      const answer = await overSocket(h, zoe, 'POST', filesUrl('over-streamed.bin', 'delta'), chunksOf(randomBytes(500), 50));
      assertProblem(answer ?? { status: 0, body: null }, 507, 'quota_exceeded');
    });
    assert.equal((await upload(zoe, 'delta', 'fits.bin', randomBytes(100))).status, 201, 'the last 100 bytes fit');
    assert.equal((await usage(zoe, 'delta')).usedBytes, 3000);
  });

  test('at a full quota, even content I already stored is refused before it is read (the check cannot know the content yet)', async () => {
    assert.equal((await usage(zoe, 'delta')).usedBytes, 3000);
    assertProblem(await upload(zoe, 'delta', 'first again.bin', first), 507, 'quota_exceeded');
    assert.equal((await usage(zoe, 'delta')).usedBytes, 3000);
  });

  test('a copy is counted as the copier\'s: at a full quota, copying content I do not have is refused (507)', async () => {
    const theta = await newTenant(h, 'theta');
    const [sam, tom] = [await addMember(h, theta, 'sam@theta.test', 'Sam'), await addMember(h, theta, 'tom@theta.test', 'Tom')];
    for (let i = 0; i < 3; i++) await uploaded(sam, 'theta', `full-${i}.bin`, randomBytes(1000));
    const toms = await uploaded(tom, 'theta', 'tom.bin', randomBytes(1000));
    assert.equal((await tom.client.post(itemUrl(toms.id, '/shares', 'theta'), { userId: sam.user.id, role: 'viewer' })).status, 201);
    const copy = await sam.client.post(itemUrl(toms.id, '/copy', 'theta'), { drive: 'me' });
    const used = await usage(sam, 'theta');
    assert.ok(used.usedBytes <= used.quotaBytes, `usage ${used.usedBytes} of ${used.quotaBytes} after a copy answered ${copy.status}`);
    assertProblem(copy, 507, 'quota_exceeded');
  });

  test('the trash still counts; deleting for good frees the space', async () => {
    const epsilon = await newTenant(h, 'epsilon');
    const yan = await addMember(h, epsilon, 'yan@epsilon.test', 'Yan');
    const big = await uploaded(yan, 'epsilon', 'big.bin', randomBytes(1000));
    await uploaded(yan, 'epsilon', 'big2.bin', randomBytes(1000));
    await uploaded(yan, 'epsilon', 'big3.bin', randomBytes(1000));
    assert.equal((await yan.client.delete(itemUrl(big.id, '', 'epsilon'))).status, 204);
    assert.equal((await usage(yan, 'epsilon')).usedBytes, 3000, 'the trash is included');
    assertProblem(await upload(yan, 'epsilon', 'one.bin', 'x'), 507, 'quota_exceeded');
    assert.equal((await yan.client.delete(itemUrl(big.id, '/forever', 'epsilon'))).status, 204);
    assert.equal((await usage(yan, 'epsilon')).usedBytes, 2000);
    assert.equal((await upload(yan, 'epsilon', 'one.bin', 'x')).status, 201);
  });

  test('a chunked upload announcing more than fits is refused at once (413 or 507)', async () => {
    const zeta = await newTenant(h, 'zeta');
    const xia = await addMember(h, zeta, 'xia@zeta.test', 'Xia');
    assertProblem(await xia.client.post(driveUrl('zeta', '/uploads'), { drive: 'me', name: 'big.bin', size: 1001 }), 413, 'file_too_large');
    for (let i = 0; i < 3; i++) await uploaded(xia, 'zeta', `fill-${i}.bin`, randomBytes(1000));
    assertProblem(await xia.client.post(driveUrl('zeta', '/uploads'), { drive: 'me', name: 'more.bin', size: 10 }), 507, 'quota_exceeded');
    assert.equal((await h.owner.query('SELECT 1 FROM drive_uploads WHERE user_id = $1', [xia.user.id])).rowCount, 0);
  });

  test('a chunked upload is checked again when completed: 507, and its parts wait for a retry', async () => {
    const eta = await newTenant(h, 'eta');
    const wes = await addMember(h, eta, 'wes@eta.test', 'Wes');
    await uploaded(wes, 'eta', 'a.bin', randomBytes(1000));
    await uploaded(wes, 'eta', 'b.bin', randomBytes(1000));
    const started = await wes.client.post(driveUrl('eta', '/uploads'), { drive: 'me', name: 'late.bin', size: 800 });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const part = await raw(h, wes, 'PUT', driveUrl('eta', `/uploads/${started.body.id}/parts/0`), { payload: randomBytes(800) });
    assert.equal(part.statusCode, 200, part.body);
    const meanwhile = await uploaded(wes, 'eta', 'c.bin', randomBytes(900));
    const rows = await driveCounts(h);
    assertProblem(await wes.client.post(driveUrl('eta', `/uploads/${started.body.id}/complete`)), 507, 'quota_exceeded');
    assert.deepEqual(await driveCounts(h), rows);
    assert.equal((await wes.client.get(driveUrl('eta', `/uploads/${started.body.id}`))).body.received, 800);
    assert.equal((await wes.client.delete(itemUrl(meanwhile.id, '', 'eta'))).status, 204);
    assert.equal((await wes.client.delete(itemUrl(meanwhile.id, '/forever', 'eta'))).status, 204);
    const done = await wes.client.post(driveUrl('eta', `/uploads/${started.body.id}/complete`));
    assert.equal(done.status, 201, JSON.stringify(done.body));
  });

  test('two uploads racing for the last free bytes: exactly one wins', async () => {
    const vic = world.beta.people.member;
    await uploaded(vic, 'beta', 'base-1.bin', randomBytes(1000), {});
    await uploaded(vic, 'beta', 'base-2.bin', randomBytes(1000), {});
    await uploaded(vic, 'beta', 'base-3.bin', randomBytes(500), {});
    const contents = [randomBytes(400), randomBytes(400)];
    const answers = await racing(contents.map((content, i) => (body: Readable) =>
      raw(h, vic, 'POST', filesUrl(`race-${i}.bin`, 'beta'), { payload: body, headers: { 'content-length': String(content.length) } })), contents);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 507], answers.map((a) => a.body).join(' | '));
    assert.equal((await usage(vic, 'beta')).usedBytes, 2900);
    const stored = await Promise.all(contents.map((c) => blobRows(h, world.beta.instance.id, c)));
    assert.deepEqual(stored.sort(), [0, 1], 'only the winner has a blob');
    assert.deepEqual((await storedObjects(h)).tmp, []);
  });
});

describe("the instance's quota", () => {
  test('past 5000 bytes for the whole instance: 507 quota_exceeded; content the instance stores already is free', async () => {
    const g = world.gamma.people;
    const shared = randomBytes(300);
    await uploaded(g.owner, 'gamma', 'o1.bin', shared);
    await uploaded(g.owner, 'gamma', 'o2.bin', randomBytes(1000));
    await uploaded(g.administrator, 'gamma', 'a1.bin', randomBytes(1000));
    await uploaded(g.administrator, 'gamma', 'a2.bin', randomBytes(1000));
    await uploaded(g.member, 'gamma', 'm1.bin', randomBytes(1000));
    assert.deepEqual(await usage(g.guest, 'gamma'), { usedBytes: 0, quotaBytes: 3000, instanceUsedBytes: 4300, instanceQuotaBytes: 5000, maxFileBytes: 1000, trashDays: 30 });
    // Bytes the instance already holds cost it nothing (the guest's own quota still counts them).
    const again = await upload(g.guest, 'gamma', 'same as the owner.bin', shared);
    assert.equal(again.status, 201, JSON.stringify(again.body));
    const afterShared = await usage(g.guest, 'gamma');
    assert.deepEqual([afterShared.usedBytes, afterShared.instanceUsedBytes], [300, 4300]);
    await uploaded(g.member, 'gamma', 'm2.bin', randomBytes(300));
    const contents = [randomBytes(300), randomBytes(300)];
    const answers = await racing([g.member, g.guest].map((who, i) => (body: Readable) =>
      raw(h, who, 'POST', filesUrl(`race-${i}.bin`, 'gamma'), { payload: body })), contents);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 507], answers.map((a) => a.body).join(' | '));
    assert.equal((await usage(g.guest, 'gamma')).instanceUsedBytes, 4900);
    await assertNothingStored(h, async () => {
      const refused = await upload(g.guest, 'gamma', 'nope.bin', randomBytes(101));
      assertProblem(refused, 507, 'quota_exceeded');
      assert.match(refused.body.detail, /administrator/);
    });
    // Other instances are not affected.
    assert.equal((await upload(world.alpha.people.owner, 'alpha', 'alpha still has room.bin', randomBytes(500))).status, 201);
  });
});

describe('interrupted uploads', () => {
  test('a body that breaks off halfway leaves no item, no blob row and no temporary object', async () => {
    const uma = await addMember(h, world.alpha, 'uma@alpha.test', 'Uma');
    const content = randomBytes(800);
    const rows = await driveCounts(h);
    const objects = await storedObjects(h);
    // A body stream that fails, and a client that hangs up halfway (with and without a Content-Length).
    const answer = await raw(h, uma, 'POST', filesUrl('broken.bin'), { payload: breaksOff(content, 400) }).catch((error: Error) => error);
    if (!(answer instanceof Error)) assert.ok(answer.statusCode >= 400, `a broken upload answered ${answer.statusCode}`);
    const half = chunksOf(content.subarray(0, 400), 100);
    assert.equal(await overSocket(h, uma, 'POST', filesUrl('broken.bin'), half, { hangUp: true, headers: { 'content-length': '800' } }), null);
    assert.equal(await overSocket(h, uma, 'POST', filesUrl('broken.bin'), half, { hangUp: true }), null);
    // The failure reaches the store asynchronously: give it a moment to clean up.
    await settled(async () => (await storedObjects(h)).tmp.length === objects.tmp.length);
    assert.deepEqual(await driveCounts(h), rows);
    assert.equal(await blobRows(h, world.alpha.instance.id, content), 0);
    assert.deepEqual((await storedObjects(h)).tmp, objects.tmp);
    assert.equal((await usage(uma)).usedBytes, 0);
    assert.deepEqual((await uma.client.get(driveUrl('alpha', '/items?drive=me'))).body.items, []);
    // The same upload, sent whole, works: nothing half-done stands in its way.
    const retried = await upload(uma, 'alpha', 'broken.bin', content);
    assert.equal(retried.status, 201);
    assert.equal((await h.owner.query('SELECT sha256 FROM blobs WHERE sha256 = $1', [sha256(content)])).rowCount, 1);
  });

  test('a client hanging up halfway is not logged as a server error', async () => {
    const vera = world.alpha.people.administrator;
    const logged = h.logs.length;
    assert.equal(await overSocket(h, vera, 'POST', filesUrl('hang-up.bin'), chunksOf(randomBytes(400), 100), { hangUp: true }), null);
    // Wait for the request to be done with: an error line, or the line closing the request.
    await until(async () => h.logs.slice(logged).some((line) => /"level":(50|60)|request completed/.test(line)));
    const errors = h.logs.slice(logged).filter((line) => JSON.parse(line).level >= 50);
    assert.deepEqual(errors, []);
  });

  test('a chunked part that breaks off is not recorded: the upload resumes at the same part', async () => {
    const uma = world.alpha.people.guest;
    const content = randomBytes(600);
    const started = await uma.client.post(driveUrl('alpha', '/uploads'), { drive: 'me', name: 'resumed.bin', size: 600 });
    assert.equal(started.status, 201);
    const partUrl = (n: number) => driveUrl('alpha', `/uploads/${started.body.id}/parts/${n}`);
    assert.equal((await raw(h, uma, 'PUT', partUrl(0), { payload: content.subarray(0, 300) })).statusCode, 200);
    const tmpBefore = (await storedObjects(h)).tmp;
    const broken = await raw(h, uma, 'PUT', partUrl(1), { payload: breaksOff(content.subarray(300), 100) }).catch((error: Error) => error);
    if (!(broken instanceof Error)) assert.ok(broken.statusCode >= 400);
    assert.equal(await overSocket(h, uma, 'PUT', partUrl(1), chunksOf(content.subarray(300, 400), 50), { hangUp: true }), null);
    await settled(async () => (await storedObjects(h)).tmp.length === tmpBefore.length);
    assert.deepEqual((await storedObjects(h)).tmp, tmpBefore, 'the broken part left nothing');
    const progress = await uma.client.get(driveUrl('alpha', `/uploads/${started.body.id}`));
    assert.deepEqual([progress.body.received, progress.body.nextPart], [300, 1]);
    assert.equal((await raw(h, uma, 'PUT', partUrl(1), { payload: content.subarray(300) })).statusCode, 200);
    const done = await uma.client.post(driveUrl('alpha', `/uploads/${started.body.id}/complete`));
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.ok((await contentOf(h, uma, done.body.id)).equals(content));
  });
});
