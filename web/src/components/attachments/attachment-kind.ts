// What kind of file an attachment is, from the media type the server sniffed
// (or, before the upload, the one the browser guessed): it picks the icon,
// and whether the viewer can show the full image (the server serves inline
// only these images; a TIFF has a thumbnail but is downloaded).
import type { FileKind } from '../files/file-kind-icon';

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
/** Served as downloads only: the server treats these as active content. */
const SOURCE_TEXT = new Set(['text/html', 'application/xml', 'image/svg+xml', 'application/javascript', 'text/javascript']);

export function attachmentKind(mediaType: string): FileKind {
  if (mediaType === 'application/pdf') return 'pdf';
  if (SOURCE_TEXT.has(mediaType) || mediaType === 'application/json') return 'code';
  if (mediaType.startsWith('text/')) return /csv/.test(mediaType) ? 'spreadsheet' : 'text';
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('audio/')) return 'audio';
  if (mediaType.startsWith('video/')) return 'video';
  if (/zip|x-tar|gzip|x-7z|x-rar|x-bzip|x-xz|zstd/.test(mediaType)) return 'archive';
  if (/spreadsheet|ms-excel/.test(mediaType)) return 'spreadsheet';
  if (/presentation|powerpoint/.test(mediaType)) return 'presentation';
  if (/wordprocessing|msword|opendocument\.text|rtf/.test(mediaType)) return 'document';
  return 'other';
}

/** The browser can show the full image (…/content?disposition=inline). */
export function showsInline(mediaType: string): boolean {
  return INLINE_IMAGES.has(mediaType);
}
