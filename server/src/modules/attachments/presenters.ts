// The attachment shape embedded in posts, comments and messages.
import type { Static } from 'typebox';
import { PREVIEWABLE } from '../drive/sniff.ts';
import type { Attachment } from './schemas.ts';

export type AttachmentView = Static<typeof Attachment>;

export interface AttachmentFields {
  id: string;
  name: string;
  size: number;
  mediaType: string;
}

export function presentAttachment(a: AttachmentFields): AttachmentView {
  return { id: a.id, name: a.name, size: Number(a.size), mediaType: a.mediaType, preview: PREVIEWABLE.has(a.mediaType) };
}

/** From the JSON built by attachmentsJson() (queries.ts). */
export function presentAttachments(rows: AttachmentFields[] | null | undefined): AttachmentView[] {
  return (rows ?? []).map(presentAttachment);
}
