// What kind of file an item is, from the media type the server sniffed: it
// picks the icon, and what the viewer can show (the server serves inline
// only images, PDF and plain text; everything else is downloaded).
import type { DriveItem } from '../../api/drive-types';
import type { FileKind } from '../../components/files/file-kind-icon';

export type MediaKind = 'folder' | FileKind;

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
/** Shown as source text: the server marks these active and never serves them inline. */
const SOURCE_TEXT = new Set(['text/html', 'application/xml', 'image/svg+xml']);

export function mediaKind(item: Pick<DriveItem, 'kind' | 'mediaType'>): MediaKind {
  if (item.kind === 'folder') return 'folder';
  const type = item.mediaType ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain') return 'text';
  if (SOURCE_TEXT.has(type)) return 'code';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (/zip|x-tar|gzip|x-7z|x-rar|x-bzip|x-xz|zstd/.test(type)) return 'archive';
  if (/spreadsheet|ms-excel|csv/.test(type)) return 'spreadsheet';
  if (/presentation|powerpoint/.test(type)) return 'presentation';
  if (/wordprocessing|msword|opendocument\.text|rtf/.test(type)) return 'document';
  return 'other';
}

export type ViewerMode = 'image' | 'pdf' | 'text' | 'none';

export function viewerMode(item: Pick<DriveItem, 'kind' | 'mediaType'>): ViewerMode {
  const type = item.mediaType ?? '';
  if (item.kind !== 'file') return 'none';
  if (INLINE_IMAGES.has(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain' || SOURCE_TEXT.has(type)) return 'text';
  return 'none';
}
