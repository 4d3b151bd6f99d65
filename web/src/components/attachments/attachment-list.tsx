// The attachments of a post, comment or message: images that have a
// thumbnail as a gallery (each opens the viewer), every other file as a row
// with its kind, name, size and a download link (an image whose thumbnail
// cannot be loaded too). Nothing at all when there are none.
import { useState } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { attachmentContentUrl, attachmentPreviewUrl } from '../../api/attachments';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { AttachmentIcon, DownloadIcon } from './attachment-icon';
import { attachmentKind } from './attachment-kind';
import { AttachmentViewer } from './attachment-viewer';

interface AttachmentListProps {
  slug: string;
  attachments: readonly Attachment[];
  /** Smaller thumbnails (chat messages, comments). */
  compact?: boolean;
}

export function AttachmentList({ slug, attachments, compact = false }: AttachmentListProps) {
  const t = useT();
  const { locale } = useLocale();
  const [open, setOpen] = useState<number | null>(null);
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  if (attachments.length === 0) return null;
  const shownAsImage = (attachment: Attachment) => attachment.preview && !broken.has(attachment.id);
  const images = attachments.filter(shownAsImage);
  const files = attachments.filter((attachment) => !shownAsImage(attachment));

  return (
    <div className={compact ? 'attachments attachments-compact' : 'attachments'} data-testid="attachments">
      {images.length > 0 && (
        <ul className="attachment-gallery" aria-label={t('attachments.images')}>
          {images.map((image, index) => (
            <li key={image.id}>
              <button type="button" className="attachment-thumb" title={t('attachments.open', { name: image.name })} onClick={() => setOpen(index)}>
                <img
                  src={attachmentPreviewUrl(slug, image.id)}
                  alt={image.name}
                  loading="lazy"
                  decoding="async"
                  onError={() => setBroken((known) => new Set(known).add(image.id))}
                />
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="attachment-files" aria-label={t('attachments.files')}>
          {files.map((file) => (
            <li key={file.id} className="attachment-file">
              <AttachmentIcon kind={attachmentKind(file.mediaType)} />
              <a className="attachment-file-name" href={attachmentContentUrl(slug, file.id)} download={file.name} title={t('attachments.download', { name: file.name })}>
                <span>{file.name}</span>
                <DownloadIcon />
              </a>
              <span className="attachment-file-size">{formatBytes(file.size, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      {open !== null && images[open] && (
        <AttachmentViewer slug={slug} images={images} index={open} onNavigate={setOpen} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
