// One store's run of the drive benchmark: start `ruche serve` on it, seed the
// account, then time each phase through the HTTP API while watching the
// server's RSS and CPU. Every answer is checked (status, size, SHA-256 or the
// bytes of a range): a wrong answer stops the run rather than being timed.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { contentRange, contentSha256, contentStream } from './content.ts';
import { DriveClient, expectStatus, type Answer } from './client.ts';
import { cpuSeconds, machineTicks, ownCpuSeconds, settledRss, watchRss } from './memory.ts';
import { percentile } from './report.ts';
import { createToken, seedOwner, startRuche, type RucheChild } from './servers.ts';

export const PART_BYTES = 8 * 1024 * 1024;

export interface RunOptions {
  store: 'fs' | 's3';
  ownerUrl: string;
  appPassword: string;
  dataDir: string;
  /** The S3_* settings of the bucket and s3rver's process (S3 run only). */
  s3Env?: Record<string, string>;
  s3Pid?: number;
  smallCount: number;
  smallBytes: number;
  largeCount: number;
  largeBytes: number;
  chunkedCount: number;
  rangeCount: number;
  rangeBytes: number;
  log: (line: string) => void;
  /** Told as soon as the server runs, so that an interrupted benchmark can stop it. */
  started: (server: RucheChild) => void;
}

export interface Phase {
  name: string;
  count: number;
  bytesEach: number;
  /** Per request (per file for chunked uploads), ms. */
  latencies: number[];
  wallMs: number;
  cpuSeconds: number;
  /** s3rver's CPU time during the phase (S3 run only). */
  s3CpuSeconds: number | null;
  /**
   * CPU used by everything else on the machine (PostgreSQL, other people's work),
   * in % of one core over the phase: not near 0 means the benchmark shared the cores.
   */
  otherCpuPercent: number;
  rssBefore: number;
  rssPeak: number;
  /** The peaks of the phase's first and second halves: equal when memory does not grow with the bytes moved. */
  rssHalves: [number, number];
  /** [ms, MiB] every 50 ms, for --trace. */
  rssSeries: Array<[number, number]>;
  rssSamples: number;
  maxGapMs: number;
  note?: string;
}

export interface StoreResult {
  store: 'fs' | 's3';
  rssReady: number;
  phases: Phase[];
  checks: string[];
}

interface Uploaded { id: string; seed: string; size: number }

export async function runStore(o: RunOptions): Promise<StoreResult> {
  const server = await startRuche({
    DATABASE_URL: o.ownerUrl, DATABASE_APP_PASSWORD: o.appPassword, DATA_DIR: o.dataDir,
    DRIVE_MAX_FILE_BYTES: String(Math.max(o.largeBytes, o.smallBytes) * 2),
    DRIVE_USER_QUOTA_BYTES: String(100 * 1024 ** 3),
    ...o.s3Env,
  });
  o.started(server);
  const outcome = await measure(o.s3Pid ? { ...server, s3Pid: o.s3Pid } : server, o).then((result) => ({ result }), (error: unknown) => ({ error }));
  // A server that died explains the failure better than the request that saw it die.
  const crashed = server.exited();
  await server.stop();
  if (crashed) throw new Error(`ruche serve ${crashed}`, 'error' in outcome ? { cause: outcome.error } : undefined);
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

async function measure(server: RucheChild & { s3Pid?: number }, o: RunOptions): Promise<StoreResult> {
  const token = await createToken(server.base, await seedOwner(o.ownerUrl));
  const client = new DriveClient(server.base, token);
  const phases: Phase[] = [];
  const checks: string[] = [];
  try {
    const usage = expectStatus(await client.request('GET', '/usage'), [200], 'GET /usage').json;
    o.log(`  server pid ${server.pid} at ${server.base}; limits: ${usage.maxFileBytes} bytes per file, quota ${usage.quotaBytes} bytes`);
    // Warm-up (not timed): the routes, the pool, the store's client.
    const warm = await uploadAll(client, o.store, 'warm', 3, 64 * 1024);
    for (const file of warm) expectStatus(await client.download(file.id), [200], 'warm-up download');
    const rssReady = await settledRss(server.pid);

    const small = await timed(server, 'upload, POST /files', o.smallCount, o.smallBytes, phases, (latencies) =>
      uploadAll(client, o.store, 'small', o.smallCount, o.smallBytes, latencies));
    o.log(`  ${o.smallCount} uploads of ${o.smallBytes} bytes done`);
    // Expected hashes, regenerated outside any timed phase.
    const expected = new Map<string, string>();
    for (const file of small) expected.set(file.id, await contentSha256(file.seed, file.size));
    await timed(server, 'download, GET …/content', o.smallCount, o.smallBytes, phases, (latencies) => downloadAll(client, small, latencies, expected));
    checks.push(`sha256 of every download matches the uploaded content and the ETag (${o.smallCount} × ${o.smallBytes} bytes)`);

    const large: Uploaded[] = [];
    for (let i = 0; i < o.largeCount; i++) {
      // One phase per file: the baseline is taken just before each upload.
      const [file] = await timed(server, 'upload, POST /files', 1, o.largeBytes, phases, (latencies) =>
        uploadAll(client, o.store, `large${i}`, 1, o.largeBytes, latencies));
      large.push(file!);
      o.log(`  upload ${i + 1}/${o.largeCount} of ${o.largeBytes} bytes: ${mbps(o.largeBytes, phases.at(-1)!.wallMs).toFixed(1)} MB/s`);
    }
    for (let i = 0; i < o.chunkedCount; i++) {
      const parts = Math.ceil(o.largeBytes / PART_BYTES);
      let completeMs = 0;
      const partMs: number[] = [];
      const [file] = await timed(server, `upload, chunked (${parts} × 8 MiB)`, 1, o.largeBytes, phases, async (latencies) => {
        const result = await chunkedUpload(client, `chunked${i}`, o.largeBytes, latencies, partMs);
        completeMs = result.completeMs;
        return [result.file];
      });
      phases.at(-1)!.note = `PUT part p50 ${percentile(partMs, 50).toFixed(0)} ms, p95 ${percentile(partMs, 95).toFixed(0)} ms; complete ${(completeMs / 1000).toFixed(2)} s`;
      large.push(file!);
      o.log(`  chunked upload ${i + 1}/${o.chunkedCount}: ${mbps(o.largeBytes, phases.at(-1)!.wallMs).toFixed(1)} MB/s (complete ${(completeMs / 1000).toFixed(2)} s)`);
    }

    for (const file of large) expected.set(file.id, await contentSha256(file.seed, file.size));
    await timed(server, 'download, GET …/content', large.length, o.largeBytes, phases, (latencies) => downloadAll(client, large, latencies, expected));
    checks.push(`sha256 of every download matches the uploaded content and the ETag (${large.length} × ${o.largeBytes} bytes)`);

    await timed(server, `range, ${o.rangeBytes / 1024} KiB at random offsets`, o.rangeCount, o.rangeBytes, phases, (latencies) =>
      ranges(client, large[0]!, o.rangeCount, o.rangeBytes, latencies));
    checks.push(`${o.rangeCount} ranges: 206, Content-Range and the bytes match`);

    const used = expectStatus(await client.request('GET', '/usage'), [200], 'GET /usage').json.usedBytes;
    const total = [...warm, ...small, ...large].reduce((sum, f) => sum + f.size, 0);
    if (used !== total) throw new Error(`GET /usage says ${used} bytes used, ${total} were uploaded`);
    checks.push(`usage: ${used} bytes, the sum of the uploads`);
    if (o.store === 'fs') {
      const left = await readdir(path.join(o.dataDir, 'files', 'tmp'), { recursive: true, withFileTypes: true }).catch(() => []);
      const files = left.filter((e) => e.isFile());
      if (files.length > 0) throw new Error(`${files.length} temporary files left in DATA_DIR/files/tmp: ${files.slice(0, 5).map((f) => f.name).join(', ')}`);
      checks.push('no temporary file left in DATA_DIR/files/tmp');
    } else if (o.s3Env) {
      const left = await temporaryObjects(o.s3Env);
      if (left.length > 0) throw new Error(`${left.length} temporary objects left under tmp/ in the bucket: ${left.slice(0, 5).join(', ')}`);
      checks.push('no temporary object left under tmp/ in the bucket');
    }
    return { store: o.store, rssReady, phases, checks };
  } finally {
    client.close();
  }
}

async function timed<T>(server: RucheChild & { s3Pid?: number }, name: string, count: number, bytesEach: number, phases: Phase[], work: (latencies: number[]) => Promise<T>): Promise<T> {
  const rssBefore = await settledRss(server.pid);
  const cpuBefore = cpuSeconds(server.pid);
  const s3Before = server.s3Pid ? cpuSeconds(server.s3Pid) : 0;
  const machineBefore = machineTicks();
  const clientBefore = ownCpuSeconds();
  const stop = watchRss(server.pid);
  const latencies: number[] = [];
  const started = performance.now();
  let result: T;
  try {
    result = await work(latencies);
  } catch (error) {
    await stop();
    throw error;
  }
  const wallMs = performance.now() - started;
  const rss = await stop();
  const machineAfter = machineTicks();
  const serverCpu = cpuSeconds(server.pid) - cpuBefore;
  const s3Cpu = server.s3Pid ? cpuSeconds(server.s3Pid) - s3Before : null;
  const machineBusy = (cpus().length * wallMs / 1000) * (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const ours = serverCpu + (s3Cpu ?? 0) + ownCpuSeconds() - clientBefore;
  const half = (first: boolean) => Math.max(0, ...rss.series.filter(([t]) => (t < wallMs / 2) === first).map(([, value]) => value));
  phases.push({
    name, count, bytesEach, latencies, wallMs, cpuSeconds: serverCpu, s3CpuSeconds: s3Cpu,
    otherCpuPercent: Math.max(0, (100 * (machineBusy - ours)) / (wallMs / 1000)),
    rssBefore, rssPeak: Math.max(rss.peak, rssBefore), rssHalves: [half(true), half(false)], rssSeries: rss.series, rssSamples: rss.samples, maxGapMs: rss.maxGapMs,
  });
  return result;
}

export const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

async function uploadAll(client: DriveClient, store: string, prefix: string, count: number, size: number, latencies: number[] = []): Promise<Uploaded[]> {
  const files: Uploaded[] = [];
  for (let i = 0; i < count; i++) {
    const seed = `${store}-${prefix}-${i}`;
    const answer = expectStatus(await client.uploadFile(`${prefix}-${i}.bin`, seed, size), [201], `POST /files (${size} bytes)`);
    if (answer.json.size !== size) throw new Error(`POST /files: the item says ${answer.json.size} bytes, ${size} were sent`);
    latencies.push(answer.ms);
    files.push({ id: answer.json.id!, seed, size });
  }
  return files;
}

async function downloadAll(client: DriveClient, files: Uploaded[], latencies: number[], expected?: Map<string, string>): Promise<void> {
  for (const file of files) {
    const answer = expectStatus(await client.download(file.id, { hash: expected !== undefined }), [200], 'GET …/content');
    if (answer.bytes !== file.size) throw new Error(`GET …/content: ${answer.bytes} bytes received, ${file.size} expected`);
    if (expected) checkHash(answer, expected.get(file.id)!);
    latencies.push(answer.ms);
  }
}

function checkHash(answer: Answer, sha256: string): void {
  if (answer.sha256 !== sha256) throw new Error(`download: sha256 ${answer.sha256}, the upload was ${sha256}`);
  if (answer.headers.etag !== `"${sha256}"`) throw new Error(`download: ETag ${answer.headers.etag}, the content's sha256 is ${sha256}`);
}

async function chunkedUpload(client: DriveClient, name: string, size: number, latencies: number[], partMs: number[]): Promise<{ file: Uploaded; completeMs: number }> {
  const seed = `chunked-${name}`;
  const started = performance.now();
  const upload = expectStatus(await client.json('POST', '/uploads', { drive: 'me', name: `${name}.bin`, size }), [201], 'POST /uploads').json;
  // One generator for the whole file, cut into parts: the parts are the file's bytes in order.
  const source = contentStream(seed, size)[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  for (let index = 0, sent = 0; sent < size; index++) {
    const length = Math.min(PART_BYTES, size - sent);
    const chunks: Buffer[] = [pending];
    let have = pending.length;
    while (have < length) {
      const next = await source.next();
      chunks.push(next.value as Buffer);
      have += (next.value as Buffer).length;
    }
    const part = Buffer.concat(chunks);
    pending = part.subarray(length);
    const answer = expectStatus(await client.request('PUT', `/uploads/${upload.id}/parts/${index}`, { body: part.subarray(0, length) }), [200], `PUT part ${index}`);
    sent += length;
    partMs.push(answer.ms);
    if (answer.json.received !== sent) throw new Error(`PUT part ${index}: received ${answer.json.received}, ${sent} were sent`);
  }
  const completing = performance.now();
  const item = expectStatus(await client.request('POST', `/uploads/${upload.id}/complete`), [201], 'POST /uploads/:id/complete').json;
  const done = performance.now();
  if (item.size !== size) throw new Error(`complete: the item says ${item.size} bytes, ${size} were sent`);
  latencies.push(done - started);
  return { file: { id: item.id!, seed, size }, completeMs: done - completing };
}

/** A small seeded generator (mulberry32), so the offsets are the same on every run. */
function offsets(seed: number, count: number, max: number): number[] {
  let a = seed;
  return Array.from({ length: count }, () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  });
}

async function ranges(client: DriveClient, file: Uploaded, count: number, length: number, latencies: number[]): Promise<void> {
  for (const start of offsets(42, count, file.size - length)) {
    const end = start + length - 1;
    const answer = expectStatus(await client.download(file.id, { range: `bytes=${start}-${end}`, keep: true }), [206], 'GET …/content with Range');
    if (answer.headers['content-range'] !== `bytes ${start}-${end}/${file.size}`) throw new Error(`Range: Content-Range ${answer.headers['content-range']}`);
    if (!answer.body!.equals(contentRange(file.seed, start, end))) throw new Error(`Range bytes=${start}-${end}: the bytes differ from the file's`);
    latencies.push(answer.ms);
  }
}

async function temporaryObjects(env: Record<string, string>): Promise<string[]> {
  const s3 = new S3Client({
    endpoint: env.S3_ENDPOINT, region: env.S3_REGION, forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
  });
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: env.S3_BUCKET, Prefix: 'tmp/' }));
    return (listed.Contents ?? []).map((object) => object.Key!);
  } finally {
    s3.destroy();
  }
}
