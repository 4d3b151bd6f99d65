// Avatars through the real API: whatever is uploaded is decoded and stored as
// a fresh 256×256 WebP without metadata; anything that is not a JPEG, PNG,
// WebP or GIF is refused without storing a byte; who may change and see whose
// picture.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { Client } from '../support/client.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type World } from '../support/world.ts';

let h: Harness;
let world: World;
let png: Buffer;
before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c60' } })
    .withMetadata({ exif: { IFD0: { Copyright: 'x', ImageDescription: 'taken at home' } } }).png().toBuffer();
});
after(() => h.close());

const avatarUrl = (userId: string, slug = 'alpha') => `/api/v1/i/${slug}/people/${userId}/avatar`;

async function upload(client: Client, userId: string, body: Buffer | string, contentType = 'image/png') {
  const response = await h.app.inject({
    method: 'PUT', url: avatarUrl(userId), payload: body,
    headers: { cookie: client.cookie!, 'x-csrf-token': client.csrf!, 'content-type': contentType },
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function stored(userId: string): Promise<Buffer | null> {
  const { rows } = await h.owner.query<{ avatar: Buffer | null }>(
    "SELECT p.avatar FROM profiles p JOIN instances i ON i.id = p.instance_id WHERE i.slug = 'alpha' AND p.user_id = $1", [userId]);
  return rows[0]?.avatar ?? null;
}

async function fetchAvatar(client: Client, userId: string, slug = 'alpha') {
  const response = await h.app.inject({ method: 'GET', url: avatarUrl(userId, slug), headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload };
}

describe('uploading', () => {
  test('a PNG is stored and served as a 256×256 WebP with no EXIF left', async () => {
    const { member } = world.alpha.people;
    assert.ok((await sharp(png).metadata()).exif, 'the upload itself carries EXIF');
    assert.equal((await member.client.get(`/api/v1/i/alpha/people/${member.user.id}`)).body.avatarUrl, null);

    const answer = await upload(member.client, member.user.id, png);
    assert.equal(answer.status, 204);
    const served = await fetchAvatar(member.client, member.user.id);
    assert.equal(served.status, 200);
    assert.equal(served.headers['content-type'], 'image/webp');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(served.bytes, await stored(member.user.id));
    const meta = await sharp(served.bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 256, 256]);
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
    const { dominant } = await sharp(served.bytes).stats();
    assert.ok(dominant.r > 150 && dominant.g > 80 && dominant.g < 120 && dominant.b < 40, JSON.stringify(dominant));
  });

  test('a new picture changes avatarUrl in the profile and the directory', async () => {
    const { member, administrator } = world.alpha.people;
    const profile = `/api/v1/i/alpha/people/${member.user.id}`;
    const first: string = (await administrator.client.get(profile)).body.avatarUrl;
    assert.ok(first.startsWith(`${avatarUrl(member.user.id)}?v=`), first);
    const jpeg = await sharp({ create: { width: 300, height: 500, channels: 3, background: '#06c' } })
      .withMetadata({ exif: { IFD0: { Copyright: 'x' } } }).jpeg().toBuffer();
    assert.equal((await upload(member.client, member.user.id, jpeg, 'image/jpeg')).status, 204);

    const second: string = (await administrator.client.get(profile)).body.avatarUrl;
    assert.ok(second.startsWith(`${avatarUrl(member.user.id)}?v=`), second);
    assert.notEqual(second, first);
    const listed = (await administrator.client.get('/api/v1/i/alpha/people?q=alpha%20member')).body.items;
    assert.deepEqual(listed.map((p: any) => p.avatarUrl), [second]);
    const served = await h.app.inject({ method: 'GET', url: second, headers: { cookie: administrator.client.cookie! } });
    assert.equal(served.statusCode, 200);
    const meta = await sharp(served.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ['webp', 256, 256, undefined]);
    assert.ok((await sharp(served.rawPayload).stats()).dominant.b > 150, 'the new picture is served');
  });
});

describe('refused uploads store nothing', () => {
  test('bytes that are not an accepted image, whatever the Content-Type: 400 invalid_image', async () => {
    const { administrator } = world.alpha.people;
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script><rect width="64" height="64"/></svg>';
    const tiff = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } }).tiff().toBuffer();
    const cases: Array<[string, Buffer | string, string]> = [
      ['html', '<script>alert(document.cookie)</script><html><body>hi</body></html>', 'image/png'],
      ['svg', svg, 'image/png'],
      ['svg as gif', svg, 'image/gif'],
      ['tiff', tiff, 'image/jpeg'],
      ['truncated png', png.subarray(0, 200), 'image/png'],
      ['empty', Buffer.alloc(0), 'image/webp'],
    ];
    for (const [name, body, type] of cases) {
      const answer = await upload(administrator.client, administrator.user.id, body, type);
      assert.equal(answer.status, 400, name);
      assert.equal(answer.body.code, 'invalid_image', name);
    }
    assert.equal(await stored(administrator.user.id), null);
    assert.equal((await fetchAvatar(administrator.client, administrator.user.id)).status, 404);
  });

  test('a JSON or text body: 415 unsupported_media_type', async () => {
    const { administrator } = world.alpha.people;
    const json = await administrator.client.request('PUT', avatarUrl(administrator.user.id), { image: png.toString('base64') });
    assert.equal(json.status, 415);
    assert.equal(json.body.code, 'unsupported_media_type');
    const text = await upload(administrator.client, administrator.user.id, 'hello', 'text/plain');
    assert.equal(text.status, 415);
    assert.equal(text.body.code, 'unsupported_media_type');
    assert.equal(await stored(administrator.user.id), null);
  });

  test('a body over 5 MiB: 413 body_too_large', async () => {
    const { member } = world.alpha.people;
    const before = await stored(member.user.id);
    assert.ok(before);
    const big = Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024 - png.length)]);
    const answer = await upload(member.client, member.user.id, big);
    assert.equal(answer.status, 413);
    assert.equal(answer.body.code, 'body_too_large');
    assert.deepEqual(await stored(member.user.id), before);
  });
});

describe('who may change and see a picture', () => {
  test("a member cannot change or remove someone else's picture; an administrator can", async () => {
    const { administrator, member, owner } = world.alpha.people;
    const before = await stored(member.user.id);
    for (const answer of [await upload(member.client, administrator.user.id, png),
      await member.client.delete(avatarUrl(owner.user.id))]) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'forbidden');
    }
    assert.equal(await stored(administrator.user.id), null);

    const red = await sharp({ create: { width: 64, height: 64, channels: 4, background: '#f00f' } }).webp().toBuffer();
    assert.equal((await upload(administrator.client, member.user.id, red, 'image/webp')).status, 204);
    const after = await stored(member.user.id);
    assert.ok(after && before && !after.equals(before));
    assert.ok((await sharp(after).stats()).dominant.r > 200);
  });

  test('DELETE removes the picture: GET answers 404 and avatarUrl is null', async () => {
    const { administrator, member } = world.alpha.people;
    assert.ok(await stored(member.user.id));
    assert.equal((await member.client.delete(avatarUrl(member.user.id))).status, 204);
    assert.equal(await stored(member.user.id), null);
    const gone = await fetchAvatar(administrator.client, member.user.id);
    assert.equal(gone.status, 404);
    assert.equal((await administrator.client.get(`/api/v1/i/alpha/people/${member.user.id}`)).body.avatarUrl, null);
    // Removing an absent picture is not an error.
    assert.equal((await member.client.delete(avatarUrl(member.user.id))).status, 204);
  });

  test('a guest cannot see nor change the picture of someone they share no group with; other instances cannot either', async () => {
    const { administrator, guest } = world.alpha.people;
    assert.equal((await upload(administrator.client, administrator.user.id, png)).status, 204);
    assert.equal((await fetchAvatar(world.alpha.people.member.client, administrator.user.id)).status, 200);
    const hidden = await fetchAvatar(guest.client, administrator.user.id);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal((await upload(guest.client, administrator.user.id, png)).status, 404);
    assert.equal((await upload(guest.client, guest.user.id, png)).status, 204);
    assert.equal((await fetchAvatar(guest.client, guest.user.id)).status, 200);
    assert.equal((await fetchAvatar(world.beta.people.administrator.client, administrator.user.id)).status, 404);
    assert.equal((await fetchAvatar(world.alpha.people.owner.client, world.beta.people.owner.user.id)).status, 404);
    assert.equal((await fetchAvatar(new Client(h.app), administrator.user.id)).status, 401);
  });
});
