// Attachments over HTTP: upload one (pending until a post, comment or
// message claims it through `attachmentIds`), discard a pending one, and the
// URLs that read one (the session cookie authorises them, with the
// permission of what the attachment belongs to). Uploads go through
// upload.ts, for their progress.
import type { Attachment } from './attachment-types';
import { apiDelete, apiGet, apiPath, segment } from './client';
import { uploadBytes, type UploadOptions } from './upload';

function attachmentsPath(slug: string): string {
  return `/i/${segment(slug)}/attachments`;
}

function attachmentPath(slug: string, attachmentId: string): string {
  return `${attachmentsPath(slug)}/${segment(attachmentId)}`;
}

/** The file itself: downloaded, or shown by the browser with `inline` (images, PDF, plain text). */
export function attachmentContentUrl(slug: string, attachmentId: string, inline = false): string {
  return apiPath(`${attachmentPath(slug, attachmentId)}/content`, { disposition: inline ? 'inline' : undefined });
}

/** A WebP thumbnail (at most 320×320), when `preview` is true. */
export function attachmentPreviewUrl(slug: string, attachmentId: string): string {
  return apiPath(`${attachmentPath(slug, attachmentId)}/preview`);
}

/** Only a pending attachment (uploaded, not yet attached) can be discarded. */
export function discardAttachment(slug: string, attachmentId: string): Promise<void> {
  return apiDelete(attachmentPath(slug, attachmentId));
}

/**
 * The largest file the instance accepts (the drive's limit applies to
 * attachments too): checked before sending, so a file too large is refused at
 * once instead of after its bytes went up.
 */
export async function fetchMaxFileBytes(slug: string): Promise<number> {
  const usage = await apiGet<{ maxFileBytes: number }>(`/i/${segment(slug)}/drive/usage`);
  return usage.maxFileBytes;
}

/** Sends the file's bytes as the raw body; answers the pending attachment. */
export function uploadAttachment(slug: string, file: Blob, name: string, options: UploadOptions): Promise<Attachment> {
  return uploadBytes<Attachment>('POST', apiPath(attachmentsPath(slug), { name }), file, options);
}
