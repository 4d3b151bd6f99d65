// Serving file content. Permission is checked by the caller on every request
// (there are no public or signed links); this module only turns a blob into a
// safe HTTP answer: streamed from the store, one byte range when asked
// (resuming downloads, seeking in videos), a Content-Disposition that names
// the file without letting the name break the header, and headers that stop
// a browser from running what it downloads (nosniff, a sandboxing CSP).
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import type { Services } from '../../services.ts';
import { AppError } from '../../errors.ts';
import { presentationOf } from './sniff.ts';

export interface Download {
  instanceId: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  modifiedAt: Date;
}

export async function sendContent(s: Services, request: FastifyRequest, reply: FastifyReply, file: Download, wantInline: boolean): Promise<FastifyReply> {
  const { contentType, disposition } = presentationOf(file.mediaType, wantInline);
  const etag = `"${file.sha256}"`;
  reply
    .header('content-type', contentType)
    .header('content-disposition', contentDisposition(file.name, { type: disposition }))
    .header('x-content-type-options', 'nosniff')
    // An inline PDF needs the browser's viewer, which a sandbox blocks; PDF is not active content here.
    .header('content-security-policy', disposition === 'inline' && contentType === 'application/pdf'
      ? "default-src 'none'; frame-ancestors 'self'"
      : `sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors ${disposition === 'inline' ? "'self'" : "'none'"}`)
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, no-cache')
    .header('etag', etag)
    .header('last-modified', file.modifiedAt.toUTCString())
    .header('accept-ranges', 'bytes');
  if (disposition === 'inline') reply.header('x-frame-options', 'SAMEORIGIN');

  if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const key = { instanceId: file.instanceId, sha256: file.sha256 };
  const range = requestedRange(request, file.size, etag);
  if (range === 'unsatisfiable') {
    throw new AppError(416, 'range_not_satisfiable', `The file is ${file.size} bytes long.`, { headers: { 'content-range': `bytes */${file.size}` } });
  }
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`).header('content-length', range.end - range.start + 1);
    return reply.send(await s.blobs.open(key, range));
  }
  reply.header('content-length', file.size);
  if (file.size === 0) return reply.send('');
  return reply.send(await s.blobs.open(key));
}

/** RFC 9110 13.1.2: `*`, or a list of entity tags compared weakly (W/ ignored). */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * One satisfiable range, or null for the whole file: several ranges, a
 * malformed header or an If-Range that no longer matches are answered with
 * the whole file, as RFC 9110 allows.
 */
function requestedRange(request: FastifyRequest, size: number, etag: string): { start: number; end: number } | null | 'unsatisfiable' {
  const header = request.headers.range;
  if (!header) return null;
  const ifRange = request.headers['if-range'];
  if (ifRange !== undefined && ifRange !== etag) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : null;
}
