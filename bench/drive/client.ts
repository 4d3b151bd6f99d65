// The benchmark's HTTP client for the drive API, on node:http with one
// keep-alive connection: uploads stream their body (with Content-Length, as a
// browser sends it) from the content generator, downloads are counted (and
// hashed when asked) as they arrive and thrown away, so the client never holds
// a file in memory.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentStream } from './content.ts';
import { SLUG } from './servers.ts';

/** The fields the benchmark reads from JSON answers (items, uploads, usage). */
export interface Fields { id?: string; size?: number; received?: number; usedBytes?: number; maxFileBytes?: number; quotaBytes?: number }

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes of the body received. */
  bytes: number;
  /** The body when it was JSON (small answers only), else {}. */
  json: Fields;
  /** The raw body, when asked for (small answers only). */
  body: Buffer | null;
  sha256: string | null;
  ms: number;
}

const REQUEST_TIMEOUT_MS = 300_000;

export class DriveClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;
  private readonly token: string;

  constructor(base: string, token: string) {
    this.url = new URL(base);
    this.token = token;
  }

  /** One request; `body` is streamed with the given length; the answer is kept only if it is JSON or `keep` is set. */
  request(method: string, path: string, o: { body?: Readable | Buffer; length?: number; headers?: Record<string, string>; hash?: boolean; keep?: boolean } = {}): Promise<Answer> {
    const started = performance.now();
    return new Promise<Answer>((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${this.token}`, ...o.headers };
      if (o.body !== undefined) {
        headers['content-type'] ??= 'application/octet-stream';
        headers['content-length'] = o.length ?? (o.body as Buffer).length;
      }
      const req = http.request({ host: this.url.hostname, port: this.url.port, method, path: `/api/v1/i/${SLUG}/drive${path}`, headers, agent: this.agent });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const json = /json/.test(res.headers['content-type'] ?? '');
        const hash = o.hash ? createHash('sha256') : null;
        const kept: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          hash?.update(chunk);
          if (json || o.keep) kept.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(kept);
          resolve({
            status: res.statusCode!, headers: res.headers, bytes, json: json && body.length > 0 ? JSON.parse(body.toString()) as Fields : {}, body: o.keep ? body : null,
            sha256: hash?.digest('hex') ?? null, ms: performance.now() - started,
          });
        });
      });
      if (o.body === undefined) req.end();
      else if (Buffer.isBuffer(o.body)) req.end(o.body);
      // An answer before the whole body (a refusal) ends the pipeline with an error the answer explains.
      else pipeline(o.body, req).catch(() => undefined);
    });
  }

  async json(method: string, path: string, body: unknown): Promise<Answer> {
    return this.request(method, path, { body: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json' } });
  }

  /** POST /files?drive=me with the generated content of `seed`. */
  uploadFile(name: string, seed: string, size: number): Promise<Answer> {
    return this.request('POST', `/files?drive=me&name=${encodeURIComponent(name)}`, { body: contentStream(seed, size), length: size });
  }

  download(itemId: string, o: { range?: string; hash?: boolean; keep?: boolean } = {}): Promise<Answer> {
    return this.request('GET', `/items/${itemId}/content`, { headers: o.range ? { range: o.range } : {}, hash: o.hash ?? false, keep: o.keep ?? false });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Fails loudly on an unexpected status: the benchmark reports server errors instead of working around them. */
export function expectStatus(answer: Answer, expected: number[], what: string): Answer {
  if (!expected.includes(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer;
}
