// The viewer: a file over the page, at the size of the window. Images and
// PDF are shown by the browser, text files as text (their first megabyte),
// anything else as its icon with a download button. Previous and next go
// through the files of the list it was opened from (also with the arrow
// keys); Escape closes it and focus goes back to where it was.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { contentUrl, fetchItem, fetchTextHead, previewUrl } from '../../api/drive';
import type { DriveItem } from '../../api/drive-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { RelativeTime } from '../../components/relative-time';
import { useResource } from '../../hooks/use-resource';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useDrive } from './drive-context';
import { FileIcon } from './file-icon';
import { mediaKind, viewerMode } from './media-kind';

const TEXT_BYTES = 1024 * 1024;

interface FileViewerProps {
  itemId: string;
  /** The item as the list knows it; fetched when opened from an address. */
  known: DriveItem | null;
  siblings: DriveItem[];
  onNavigate: (item: DriveItem) => void;
  onClose: () => void;
}

export function FileViewer({ itemId, known, siblings, onNavigate, onClose }: FileViewerProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const { slug } = useDrive();
  const fetched = useResource(() => (known ? Promise.resolve(known) : fetchItem(slug, itemId)), `viewer-${itemId}-${known?.version ?? ''}`);
  const item = known ?? (fetched.resource.status === 'ready' ? fetched.resource.data : null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    opener.current = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  const at = siblings.findIndex((sibling) => sibling.id === itemId);
  const previous = at > 0 ? siblings[at - 1] : undefined;
  const next = at >= 0 ? siblings[at + 1] : undefined;

  function onKeyDown(event: KeyboardEvent) {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.key === 'ArrowLeft' && previous) onNavigate(previous);
    if (event.key === 'ArrowRight' && next) onNavigate(next);
  }

  return (
    <dialog ref={ref} className="viewer full-window-dialog" aria-label={item?.name ?? t('common.loading')} onClose={onClose} onKeyDown={onKeyDown} data-testid="viewer">
      {item ? <ViewerBody item={item} previous={previous} next={next} onNavigate={onNavigate} onClose={onClose} /> : (
        <div className="viewer-stage">
          {fetched.resource.status === 'error' ? <FormError error={fetched.resource.error} /> : <Loading />}
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      )}
    </dialog>
  );
}

interface ViewerBodyProps {
  item: DriveItem;
  previous: DriveItem | undefined;
  next: DriveItem | undefined;
  onNavigate: (item: DriveItem) => void;
  onClose: () => void;
}

function ViewerBody({ item, previous, next, onNavigate, onClose }: ViewerBodyProps) {
  const t = useT();
  const { locale } = useLocale();
  const { slug, openDialog } = useDrive();
  const mode = viewerMode(item);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [item.id]);

  return (
    <>
      <header className="viewer-bar">
        <FileIcon kind={mediaKind(item)} size={28} />
        <div className="viewer-title">
          <h2>{item.name}</h2>
          <p>
            {formatBytes(item.size, locale)}
            {item.version !== null && ` · ${t('drive.versionNumber', { number: item.version })}`}
            {' · '}
            <RelativeTime iso={item.updatedAt} />
            {item.updatedBy && ` · ${item.updatedBy.displayName}`}
          </p>
        </div>
        <div className="viewer-actions">
          {(previous || next) && (
            <>
              <button type="button" className="button button-quiet" disabled={!previous} onClick={() => previous && onNavigate(previous)} aria-label={t('drive.viewer.previous')}>
                <span aria-hidden="true">‹</span>
              </button>
              <button type="button" className="button button-quiet" disabled={!next} onClick={() => next && onNavigate(next)} aria-label={t('drive.viewer.next')}>
                <span aria-hidden="true">›</span>
              </button>
            </>
          )}
          <button type="button" className="button button-quiet" onClick={() => openDialog('versions', item)}>
            {t('drive.action.versions')}
          </button>
          <a className="button button-secondary" href={contentUrl(slug, item.id)} download>
            {t('drive.action.download')}
          </a>
          <button type="button" ref={closeRef} className="button button-quiet" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </header>
      <div className="viewer-stage" data-mode={mode}>
        {mode === 'image' && <img className="viewer-image" src={contentUrl(slug, item.id, true)} alt={item.name} key={`${item.id}-${item.version}`} />}
        {mode === 'pdf' && <iframe className="viewer-frame" title={item.name} src={contentUrl(slug, item.id, true)} key={`${item.id}-${item.version}`} />}
        {mode === 'text' && <TextContent item={item} />}
        {mode === 'none' && (
          <div className="viewer-none">
            {item.preview ? <img className="viewer-thumbnail" src={previewUrl(slug, item.id, item.version)} alt="" /> : <FileIcon kind={mediaKind(item)} size={96} />}
            <p>{t('drive.viewer.noPreview')}</p>
            <a className="button button-primary" href={contentUrl(slug, item.id)} download>
              {t('drive.viewer.download', { size: formatBytes(item.size, locale) })}
            </a>
          </div>
        )}
      </div>
    </>
  );
}

function TextContent({ item }: { item: DriveItem }) {
  const t = useT();
  const { slug } = useDrive();
  // An empty file has no byte to ask for (the server would answer 416).
  const { resource } = useResource(
    () => (item.size === 0 ? Promise.resolve({ text: '', truncated: false }) : fetchTextHead(slug, item.id, TEXT_BYTES)),
    `text-${item.id}-${item.version}`,
  );
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <FormError error={resource.error} />;
  return (
    <div className="viewer-text">
      {resource.data.truncated && <p className="alert alert-warning">{t('drive.viewer.truncated')}</p>}
      <pre tabIndex={0} data-testid="viewer-text">{resource.data.text}</pre>
    </div>
  );
}
