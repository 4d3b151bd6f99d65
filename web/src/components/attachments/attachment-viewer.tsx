// An image over the page, as large as the window allows: the full file when
// the browser may show it (else the thumbnail), its name, a download link,
// and previous / next through the images of the same post, comment or
// message (buttons and arrow keys). A native modal <dialog>: focus stays
// inside, Escape or a click beside the image closes it, and focus goes back
// to the thumbnail that opened it.
import { useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Attachment } from '../../api/attachment-types';
import { attachmentContentUrl, attachmentPreviewUrl } from '../../api/attachments';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { DownloadIcon } from './attachment-icon';
import { showsInline } from './attachment-kind';

interface AttachmentViewerProps {
  slug: string;
  images: readonly Attachment[];
  index: number;
  onNavigate: (index: number) => void;
  onClose: () => void;
}

export function AttachmentViewer({ slug, images, index, onNavigate, onClose }: AttachmentViewerProps) {
  const t = useT();
  const { locale } = useLocale();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  const image = images[index]!;
  const hasPrevious = index > 0;
  const hasNext = index < images.length - 1;

  useLayoutEffect(() => {
    const dialog = ref.current;
    opener.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control (the download link): Close is the one people look for.
    close.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowLeft' && hasPrevious) onNavigate(index - 1);
    if (event.key === 'ArrowRight' && hasNext) onNavigate(index + 1);
  }

  // A click on the dialog itself (the dark area around the image), not on what it holds.
  function onClick(event: MouseEvent) {
    if (event.target === event.currentTarget || (event.target as Element).classList.contains('attachment-viewer-stage')) onClose();
  }

  const source = showsInline(image.mediaType) ? attachmentContentUrl(slug, image.id, true) : attachmentPreviewUrl(slug, image.id);
  return (
    <dialog ref={ref} className="attachment-viewer full-window-dialog" aria-label={image.name} onClose={onClose} onKeyDown={onKeyDown} onClick={onClick} data-testid="attachment-viewer">
      <div className="attachment-viewer-bar">
        <p className="attachment-viewer-title">
          <strong>{image.name}</strong>
          <span className="attachment-viewer-meta">
            {formatBytes(image.size, locale)}
            {images.length > 1 && ` · ${t('attachments.position', { index: index + 1, count: images.length })}`}
          </span>
        </p>
        <a className="button button-secondary" href={attachmentContentUrl(slug, image.id)} download={image.name}>
          <DownloadIcon />
          <span>{t('attachments.downloadShort')}</span>
        </a>
        <button ref={close} type="button" className="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="attachment-viewer-stage">
        {hasPrevious && (
          <button type="button" className="attachment-viewer-step attachment-viewer-previous" aria-label={t('attachments.previous')} onClick={() => onNavigate(index - 1)}>
            <span aria-hidden="true">‹</span>
          </button>
        )}
        <img key={image.id} src={source} alt={image.name} />
        {hasNext && (
          <button type="button" className="attachment-viewer-step attachment-viewer-next" aria-label={t('attachments.next')} onClick={() => onNavigate(index + 1)}>
            <span aria-hidden="true">›</span>
          </button>
        )}
      </div>
    </dialog>
  );
}
