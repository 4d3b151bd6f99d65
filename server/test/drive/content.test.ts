// File content through the API: bytes come back exactly as sent (empty and
// large binary files alike), identical content is stored once per instance,
// downloads answer Range, If-Range, ETag and If-None-Match, name the file in
// Content-Disposition, and serve what a browser could run as an inert
// attachment whatever the name, the client's Content-Type or ?disposition.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import {
  assertProblem, blobObject, blobRows, contentOf, download, driveUrl, folder, itemUrl, newVersion, raw, sha256, storedObjects, upload, uploaded,
} from './fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
const alphaId = () => world.alpha.instance.id;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  bob = world.alpha.people.administrator;
});
after(() => h.close());

describe('bytes', () => {
  test('a zero-byte file: 201, size 0, downloaded as 200 with an empty body and Content-Length 0', async () => {
    const item = await uploaded(ann, 'alpha', 'empty.txt', Buffer.alloc(0));
    assert.equal(item.size, 0);
    assert.equal(item.version, 1);
    const answer = await download(h, ann, item.id);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-length'], '0');
    assert.equal(answer.rawPayload.length, 0);
    assert.equal(answer.headers.etag, `"${sha256('')}"`);
    assert.equal(await blobRows(h, alphaId(), ''), 1);
    assert.ok((await storedObjects(h)).blobs.includes(blobObject(alphaId(), '')));
    const ranged = await download(h, ann, item.id, { headers: { range: 'bytes=0-0' } });
    assert.equal(ranged.statusCode, 416);
    assert.equal(ranged.headers['content-range'], 'bytes */0');
  });

  test('3 MiB of random bytes come back byte for byte', async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const item = await uploaded(ann, 'alpha', 'random.bin', content);
    assert.equal(item.size, content.length);
    assert.equal(item.mediaType, 'application/octet-stream');
    const answer = await download(h, ann, item.id);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-length'], String(content.length));
    assert.equal(answer.rawPayload.length, content.length);
    assert.ok(answer.rawPayload.equals(content), 'the bytes differ');
    const row = (await h.owner.query('SELECT v.sha256, v.size FROM drive_items i JOIN drive_versions v ON v.id = i.current_version_id WHERE i.id = $1', [item.id])).rows[0];
    assert.deepEqual([row.sha256, Number(row.size)], [sha256(content), content.length]);
  });

  test('the same content is stored once per instance: one blob row, one object', async () => {
    const content = `dedup ${randomBytes(8).toString('hex')}`;
    const before = await storedObjects(h);
    const first = await uploaded(ann, 'alpha', 'dedup-1.txt', content);
    const second = await uploaded(ann, 'alpha', 'dedup-2.txt', content);
    const third = await uploaded(bob, 'alpha', 'dedup-bob.txt', content);
    assert.equal(new Set([first.id, second.id, third.id]).size, 3);
    assert.equal(await blobRows(h, alphaId(), content), 1);
    const added = (await storedObjects(h)).blobs.filter((o) => !before.blobs.includes(o));
    assert.deepEqual(added, [blobObject(alphaId(), content)]);
    const versions = await h.owner.query('SELECT DISTINCT sha256 FROM drive_versions WHERE item_id = ANY($1::uuid[])', [[first.id, second.id, third.id]]);
    assert.deepEqual(versions.rows, [{ sha256: sha256(content) }]);
    // Another instance never shares alpha's blob: it stores its own.
    const beta = world.beta.instance.id;
    await uploaded(world.beta.people.member, 'beta', 'dedup.txt', content);
    assert.equal(await blobRows(h, beta, content), 1);
    assert.ok((await storedObjects(h)).blobs.includes(blobObject(beta, content)));
    for (const item of [first, second, third]) assert.equal((await contentOf(h, ann.user.id === item.updatedBy.id ? ann : bob, item.id)).toString(), content);
  });

  test('HEAD tells the length and type without the bytes', async () => {
    const item = await uploaded(ann, 'alpha', 'head.txt', 'head content');
    const answer = await raw(h, ann, 'HEAD', itemUrl(item.id, '/content'));
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-length'], String('head content'.length));
    assert.equal(answer.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(answer.rawPayload.length, 0);
  });

  test('a folder has no content (404)', async () => {
    const box = await folder(ann, 'alpha', 'No bytes');
    assertProblem(await ann.client.get(itemUrl(box.id, '/content')), 404, 'not_found');
  });
});

describe('ranges and validators', () => {
  const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
  let id: string;
  before(async () => {
    id = (await uploaded(ann, 'alpha', 'ranges.txt', content)).id;
  });

  const get = (headers: Record<string, string>) => download(h, ann, id, { headers });

  test('one range: 206 with Content-Range and exactly those bytes', async () => {
    const answer = await get({ range: 'bytes=2-5' });
    assert.equal(answer.statusCode, 206);
    assert.equal(answer.headers['content-range'], `bytes 2-5/${content.length}`);
    assert.equal(answer.headers['content-length'], '4');
    assert.equal(answer.body, '2345');
    assert.equal(answer.headers['accept-ranges'], 'bytes');
  });

  test('an open range and a suffix range', async () => {
    const open = await get({ range: 'bytes=30-' });
    assert.equal(open.statusCode, 206);
    assert.equal(open.body, 'uvwxyz');
    assert.equal(open.headers['content-range'], `bytes 30-35/${content.length}`);
    const suffix = await get({ range: 'bytes=-4' });
    assert.equal(suffix.statusCode, 206);
    assert.equal(suffix.body, 'wxyz');
    assert.equal(suffix.headers['content-range'], `bytes 32-35/${content.length}`);
    const past = await get({ range: 'bytes=34-1000' });
    assert.equal(past.statusCode, 206, 'a range past the end is cut to the end');
    assert.equal(past.body, 'yz');
  });

  test('a range past the end: 416 with Content-Range bytes */size and a problem', async () => {
    const answer = await get({ range: `bytes=${content.length}-` });
    assert.equal(answer.statusCode, 416);
    assert.equal(answer.headers['content-range'], `bytes */${content.length}`);
    assert.equal(answer.json().code, 'range_not_satisfiable');
  });

  test('several ranges, a malformed header or another unit: 200 with the whole file', async () => {
    for (const range of ['bytes=0-1,10-11', 'bytes=abc', 'items=0-5', 'bytes=1-2,4-']) {
      const answer = await get({ range });
      assert.equal(answer.statusCode, 200, range);
      assert.equal(answer.body, content.toString(), range);
      assert.equal(answer.headers['content-range'], undefined, range);
    }
  });

  test('If-Range: a matching ETag keeps the range, any other validator gets the whole file', async () => {
    const etag = `"${sha256(content)}"`;
    const matching = await get({ range: 'bytes=0-2', 'if-range': etag });
    assert.equal(matching.statusCode, 206);
    assert.equal(matching.body, '012');
    for (const ifRange of ['"0000"', new Date(Date.now() + 60_000).toUTCString(), 'W/' + etag]) {
      const stale = await get({ range: 'bytes=0-2', 'if-range': ifRange });
      assert.equal(stale.statusCode, 200, ifRange);
      assert.equal(stale.body, content.toString());
    }
  });

  test('ETag is the SHA-256; If-None-Match with it is a 304 without a body', async () => {
    const first = await get({});
    const etag = first.headers.etag as string;
    assert.equal(etag, `"${sha256(content)}"`);
    assert.equal(first.headers['cache-control'], 'private, no-cache');
    assert.ok(first.headers['last-modified']);
    const again = await get({ 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal((await get({ 'if-none-match': '"something else"' })).statusCode, 200);
  });

  test('If-None-Match with a list of ETags or * is a 304 (RFC 9110 13.1.2)', async () => {
    const etag = `"${sha256(content)}"`;
    assert.equal((await get({ 'if-none-match': `"older", ${etag}` })).statusCode, 304);
    assert.equal((await get({ 'if-none-match': '*' })).statusCode, 304);
  });

  test('a new version changes the ETag: the old one no longer answers 304', async () => {
    const file = await uploaded(ann, 'alpha', 'etag-moves.txt', 'version one');
    const old = `"${sha256('version one')}"`;
    assert.equal((await newVersion(ann, 'alpha', file.id, 'version two')).status, 201);
    const answer = await download(h, ann, file.id, { headers: { 'if-none-match': old } });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.body, 'version two');
    assert.equal(answer.headers.etag, `"${sha256('version two')}"`);
  });
});

describe('headers', () => {
  test('Content-Disposition names the file, UTF-8 through filename*', async () => {
    const name = 'résumé 2024 – été.txt';
    const item = await uploaded(ann, 'alpha', name, 'cv');
    const answer = await download(h, ann, item.id);
    const disposition = answer.headers['content-disposition'] as string;
    assert.match(disposition, /^attachment; /);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(name)}`), disposition);
    assert.match(disposition, /filename="[\x20-\x7e]+"/, 'an ASCII fallback');
    assert.doesNotMatch(disposition, /[^\x20-\x7e]/, 'the header itself is ASCII');
  });

  test('a name with ; and , stays one quoted parameter', async () => {
    const item = await uploaded(ann, 'alpha', 'a;b,c=d.txt', 'punctuation');
    const answer = await download(h, ann, item.id);
    assert.equal(answer.headers['content-disposition'], 'attachment; filename="a;b,c=d.txt"');
  });

  test('every download carries nosniff, a sandboxing CSP and a same-origin resource policy', async () => {
    const item = await uploaded(ann, 'alpha', 'headers.bin', randomBytes(64));
    const answer = await download(h, ann, item.id);
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    assert.match(answer.headers['content-security-policy'] as string, /(^|; )sandbox(;|$)/);
    assert.match(answer.headers['content-security-policy'] as string, /default-src 'none'/);
    assert.equal(answer.headers['cross-origin-resource-policy'], 'same-origin');
    assert.equal(answer.headers['content-type'], 'application/octet-stream');
  });
});

describe('sniffing', () => {
  let png: Buffer;
  before(async () => {
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } }).png().toBuffer();
  });

  test('a PNG named x.txt and sent as text/plain is image/png; shown inline when asked; it has a preview', async () => {
    const answer = await ann.client.request('POST', driveUrl('alpha', '/files?drive=me&name=x.txt'), png, { 'content-type': 'text/plain' });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.mediaType, 'image/png');
    assert.equal(answer.body.preview, true);
    assert.equal((await h.owner.query('SELECT media_type FROM blobs WHERE sha256 = $1', [sha256(png)])).rows[0].media_type, 'image/png');
    const inline = await download(h, ann, answer.body.id, { query: 'disposition=inline' });
    assert.equal(inline.headers['content-type'], 'image/png');
    assert.match(inline.headers['content-disposition'] as string, /^inline; filename="?x\.txt"?$/);
    assert.equal(inline.headers['x-frame-options'], 'SAMEORIGIN');
    assert.match(inline.headers['content-security-policy'] as string, /sandbox/);
    const attachment = await download(h, ann, answer.body.id);
    assert.match(attachment.headers['content-disposition'] as string, /^attachment;/);
    const preview = await raw(h, ann, 'GET', itemUrl(answer.body.id, '/preview'));
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['content-type'], 'image/webp');
    const meta = await sharp(preview.rawPayload).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 40, 30]);
    assert.equal((await storedObjects(h)).derived.filter((o) => o.includes(sha256(png))).length, 1, 'the thumbnail is kept beside the blob');
  });

  test('a text file has no preview (404)', async () => {
    const item = await uploaded(ann, 'alpha', 'no-preview.txt', 'words');
    assert.equal(item.preview, false);
    assertProblem(await ann.client.get(itemUrl(item.id, '/preview')), 404, 'not_found');
  });

  test('HTML, SVG, XML and scripts are attachments of type application/octet-stream, even with ?disposition=inline', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['page.txt', '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>', 'image/png', 'text/html'],
      ['innocent.png', '<html><img src=x onerror=alert(1)></html>', 'image/png', 'text/html'],
      ['drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml', 'image/svg+xml'],
      ['data.xml', '<?xml version="1.0"?><root><child/></root>', 'text/plain', 'application/xml'],
      ['app.js', 'alert(1)', 'text/plain', 'text/html'],
      ['page.html', 'just words, named as a page', 'text/plain', 'text/html'],
    ];
    for (const [name, content, claimed, sniffed] of cases) {
      const answer = await ann.client.request('POST', driveUrl('alpha', `/files?drive=me&name=${name}`), Buffer.from(content), { 'content-type': claimed });
      assert.equal(answer.status, 201, name);
      assert.equal(answer.body.mediaType, sniffed, name);
      for (const query of ['', 'disposition=inline', 'disposition=attachment']) {
        const served = await download(h, ann, answer.body.id, { query });
        const label = `${name} ${query}`;
        assert.equal(served.statusCode, 200, label);
        assert.equal(served.headers['content-type'], 'application/octet-stream', label);
        assert.match(served.headers['content-disposition'] as string, /^attachment;/, label);
        assert.match(served.headers['content-security-policy'] as string, /(^|; )sandbox(;|$)/, label);
        assert.match(served.headers['content-security-policy'] as string, /frame-ancestors 'none'/, label);
        assert.equal(served.headers['x-content-type-options'], 'nosniff', label);
        assert.equal(served.body, content, label);
      }
    }
  });

  test('plain text inline is text/plain; charset=utf-8, sandboxed; by default an attachment', async () => {
    const item = await uploaded(ann, 'alpha', 'readme.md', '# Title\n\nUnicode: ✓ café\n');
    assert.equal(item.mediaType, 'text/plain');
    const inline = await download(h, ann, item.id, { query: 'disposition=inline' });
    assert.equal(inline.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(inline.headers['content-disposition'] as string, /^inline;/);
    assert.match(inline.headers['content-security-policy'] as string, /sandbox/);
    assert.equal(inline.body, '# Title\n\nUnicode: ✓ café\n');
    const attachment = await download(h, ann, item.id);
    assert.match(attachment.headers['content-disposition'] as string, /^attachment;/);
  });

  test('a PDF inline gets the browser viewer (no sandbox) but no framing by others', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const item = await uploaded(ann, 'alpha', 'doc.bin', pdf);
    assert.equal(item.mediaType, 'application/pdf');
    const inline = await download(h, ann, item.id, { query: 'disposition=inline' });
    assert.equal(inline.headers['content-type'], 'application/pdf');
    assert.match(inline.headers['content-disposition'] as string, /^inline;/);
    assert.equal(inline.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'self'");
  });

  test('binary that is not a known type is application/octet-stream and never inline', async () => {
    const item = await uploaded(ann, 'alpha', 'blob.txt', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
    assert.equal(item.mediaType, 'application/octet-stream');
    const served = await download(h, ann, item.id, { query: 'disposition=inline' });
    assert.match(served.headers['content-disposition'] as string, /^attachment;/);
  });
});

describe('versions download', () => {
  test("an old version's content carries the same headers and answers ranges", async () => {
    const file = await uploaded(ann, 'alpha', 'versioned.html', '<html>v1</html>');
    assert.equal((await newVersion(ann, 'alpha', file.id, 'plain v2')).status, 201);
    const versions = (await ann.client.get(itemUrl(file.id, '/versions'))).body.versions;
    const v1 = versions.find((v: any) => v.number === 1);
    const answer = await raw(h, ann, 'GET', itemUrl(file.id, `/versions/${v1.id}/content?disposition=inline`));
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.body, '<html>v1</html>');
    assert.equal(answer.headers['content-type'], 'application/octet-stream', 'v1 is active content even though v2 is text');
    assert.match(answer.headers['content-disposition'] as string, /^attachment;/);
    assert.equal(answer.headers.etag, `"${sha256('<html>v1</html>')}"`);
    const ranged = await raw(h, ann, 'GET', itemUrl(file.id, `/versions/${v1.id}/content`), { headers: { range: 'bytes=1-4' } });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.body, 'html');
    assertProblem(await ann.client.get(itemUrl(file.id, '/versions/00000000-0000-4000-8000-000000000000/content')), 404, 'not_found');
  });

  test("another file's version id is not found through this file", async () => {
    const a = await uploaded(ann, 'alpha', 'owner-a.txt', 'a');
    const b = await uploaded(ann, 'alpha', 'owner-b.txt', 'b');
    const bVersion = (await ann.client.get(itemUrl(b.id, '/versions'))).body.versions[0].id;
    assertProblem(await ann.client.get(itemUrl(a.id, `/versions/${bVersion}/content`)), 404, 'not_found');
    assertProblem(await ann.client.post(itemUrl(a.id, `/versions/${bVersion}/restore`)), 404, 'not_found');
  });
});

test('the upload answer and the stored rows agree with what a second read says', async () => {
  const answer = await upload(ann, 'alpha', 'consistent.txt', 'same everywhere');
  const read = await ann.client.get(itemUrl(answer.body.id));
  assert.deepEqual(read.body, answer.body);
});
