// What a file is, decided from its bytes: the client's Content-Type and the
// name's extension are claims anyone can forge. The answer also decides how a
// download is served: only types a browser renders harmlessly may be shown
// inline; active content (HTML, SVG, XML, scripts) is always an attachment.
import { fileTypeFromBuffer } from 'file-type';

const TEXT = 'text/plain';
const BINARY = 'application/octet-stream';

/** Shown in the browser when asked for: images, PDF and plain text. */
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'application/pdf', TEXT]);
/** Thumbnails are made for these (sharp decodes them). */
export const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/tiff']);

const ACTIVE_EXTENSIONS = /\.(html?|xhtml|shtml|svgz?|xml|xsl|xslt|js|mjs|htc|swf)$/i;
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|x:xmpmeta|object|embed)[\s>/]/i;

export async function sniffMediaType(head: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(head).catch(() => undefined);
  if (detected) return detected.mime;
  if (!looksLikeText(head)) return BINARY;
  // Text that a browser could run or render as a document is marked active whatever its name.
  const text = head.toString('utf8');
  if (/<svg[\s>]/i.test(text)) return 'image/svg+xml';
  if (MARKUP.test(text)) return /^\s*<\?xml/i.test(text) ? 'application/xml' : 'text/html';
  if (ACTIVE_EXTENSIONS.test(name)) return 'text/html';
  return TEXT;
}

/** UTF-8 without NUL bytes; a multi-byte character cut at the end of the head is fine. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true;
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteCharacter(head)));
    return true;
  } catch {
    return false;
  }
}

function lastCompleteCharacter(head: Buffer): number {
  let end = head.length;
  // Step back over at most 3 continuation bytes and their lead byte when the sequence is incomplete.
  for (let i = 1; i <= 4 && end - i >= 0; i++) {
    const byte = head[end - i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > i) end -= i;
    break;
  }
  return end;
}

export interface Presentation {
  contentType: string;
  disposition: 'inline' | 'attachment';
}

/** How a download is served. Anything not known to be harmless is an attachment of opaque type. */
export function presentationOf(mediaType: string, wantInline: boolean): Presentation {
  const inlineable = INLINE.has(mediaType);
  const contentType = mediaType === TEXT ? 'text/plain; charset=utf-8' : isActive(mediaType) ? BINARY : mediaType;
  return { contentType, disposition: wantInline && inlineable ? 'inline' : 'attachment' };
}

export function isActive(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType.includes('xml') || mediaType.includes('svg') || mediaType.includes('javascript');
}
