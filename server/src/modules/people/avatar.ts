// Avatars are decoded and re-encoded by sharp (libvips): whatever the upload
// claimed to be, what is stored and served is a fresh 256×256 WebP with no
// metadata — no EXIF location, no polyglot file, no script in an SVG.
import sharp from 'sharp';
import { AppError } from '../../errors.ts';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);
const SIZE = 256;

const invalidImage = () => new AppError(400, 'invalid_image', 'Send a JPEG, PNG, WebP or GIF image.');

/** JPEG, PNG, GIF or WebP by their first bytes: other formats never reach an image decoder. */
function looksLikeAcceptedImage(b: Buffer): boolean {
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const gif = b.subarray(0, 4).toString('latin1') === 'GIF8';
  const webp = b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
  return jpeg || png || gif || webp;
}

export async function reencodeAvatar(upload: Buffer): Promise<Buffer> {
  if (!looksLikeAcceptedImage(upload)) throw invalidImage();
  let format: string | undefined;
  try {
    // The format is read from the bytes, not from the Content-Type the client sent.
    const meta = await sharp(upload, { limitInputPixels: 40_000_000 }).metadata();
    format = meta.format;
  } catch {
    throw invalidImage();
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw invalidImage();
  try {
    return await sharp(upload, { limitInputPixels: 40_000_000, animated: false })
      .rotate()
      .resize(SIZE, SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw invalidImage();
  }
}
