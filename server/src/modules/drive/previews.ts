// Thumbnails of images, made on first request with sharp and kept beside the
// blob in the store (blobs never change, so neither do their thumbnails).
// Re-encoding also means the browser never decodes the uploaded bytes for a
// thumbnail. Other types get an icon in the web app, not a server preview.
import type { FastifyReply } from 'fastify';
import sharp from 'sharp';
import { notFound } from '../../errors.ts';
import { buffer } from 'node:stream/consumers';
import type { Services } from '../../services.ts';
import { PREVIEWABLE } from './sniff.ts';

const THUMB = 'thumb-320.webp';
/** Refuse decompression bombs: 40 megapixels is a 7,300 × 5,500 photo. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Images above this size are not thumbnailed (the whole file is read into memory to decode it). */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export async function thumbnail(s: Services, key: { instanceId: string; sha256: string }, mediaType: string, size: number): Promise<Buffer | null> {
  if (!PREVIEWABLE.has(mediaType) || size > MAX_INPUT_BYTES || size === 0) return null;
  const cached = await s.blobs.getDerived(key, THUMB);
  if (cached) return cached;
  const input = await buffer(await s.blobs.open(key));
  const made = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
    .rotate()
    .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer()
    .catch((err: unknown) => {
      s.log.info({ err, sha256: key.sha256 }, 'no thumbnail: the image could not be decoded');
      return null;
    });
  if (made) await s.blobs.putDerived(key, THUMB, made);
  return made;
}

/** Answers the thumbnail of a blob (drive file or attachment), or 404 when the content has none. */
export async function sendThumbnail(s: Services, reply: FastifyReply, key: { instanceId: string; sha256: string }, mediaType: string, size: number): Promise<FastifyReply> {
  const image = await thumbnail(s, key, mediaType, size);
  if (!image) throw notFound('This file has no preview.');
  // Content-addressed: the same blob always has the same thumbnail.
  return reply.type('image/webp').header('cache-control', 'private, max-age=86400').header('etag', `"${key.sha256}-thumb"`)
    .header('x-content-type-options', 'nosniff').send(image);
}
