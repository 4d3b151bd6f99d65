// The shape of an attachment as posts, comments and messages carry it
// (docs/drive.md, "Attachments"). The server sniffs `mediaType` from the
// bytes; `preview` says a thumbnail exists at /attachments/:id/preview.

/** A post, comment or message carries at most this many. */
export const MAX_ATTACHMENTS = 10;

export interface Attachment {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  preview: boolean;
}
