// Schemas of attachments, also embedded in posts, comments and messages.
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';

const Id = Type.String({ format: 'uuid' });
export const MAX_ATTACHMENTS = 10;

export const Attachment = Type.Object({
  id: Id,
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  mediaType: Type.String({ description: 'Sniffed from the content' }),
  preview: Type.Boolean({ description: 'A thumbnail is available at /attachments/{id}/preview' }),
});

/** What a post, comment or message body may carry: ids of the author's pending attachments. */
export const AttachmentIds = Type.Array(Id, { maxItems: MAX_ATTACHMENTS, uniqueItems: true, description: 'Attachments uploaded with POST /attachments, in display order' });

export const AttachmentParams = Type.Object({ slug: Slug, attachmentId: Id }, { additionalProperties: false });
export const AttachmentUploadQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: 1000, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false });
export const AttachFromDriveBody = Type.Object({ itemId: Id }, { additionalProperties: false });
