// A message that is only attachments, as one line of text (the conversation
// list's preview, a desktop notification): "Files: plan.pdf, photo.jpg".
import type { Attachment } from '../../api/attachment-types';
import type { Translate } from '../../i18n/translate';

export function attachmentSummary(attachments: readonly Attachment[], t: Translate): string {
  if (attachments.length === 0) return '';
  const names = attachments.map((attachment) => attachment.name).join(', ');
  // Never zero here, so English and French agree: one is singular.
  return t(attachments.length === 1 ? 'attachments.summary.one' : 'attachments.summary.other', { names });
}
