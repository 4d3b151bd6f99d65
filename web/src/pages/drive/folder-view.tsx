// A folder of a drive: where it is (breadcrumbs), what can be added to it
// (new folder, upload, drop), and what it holds, page by page.
import { useCallback, useEffect } from 'react';
import { Link } from 'react-router';
import type { DriveItem, DriveRef } from '../../api/drive-types';
import { ApiError } from '../../api/problem';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import { useT } from '../../i18n/i18n-context';
import { Breadcrumbs } from './breadcrumbs';
import { useDrive } from './drive-context';
import { MY_DRIVE, viewHref } from './drive-location';
import { DropZone } from './drop-zone';
import { FileIcon } from './file-icon';
import { ItemTable } from './item-table';
import { LoadFailed } from './load-failed';
import { NewFolderDialog } from './new-folder-dialog';
import { UploadButton } from './upload-button';
import { useFolder } from './use-folder';
import { useItemActions } from './use-item-actions';

export function FolderView({ drive, folderId }: { drive: DriveRef; folderId: string | null }) {
  const t = useT();
  const context = useDrive();
  const { slug, uploads, onItemChange } = context;
  const folder = useFolder(slug, drive, folderId);
  const actions = useItemActions();
  const { upsert, remove } = folder;
  const onUploaded = uploads.onDone;

  useEffect(() => onUploaded((_task, item) => upsert(item)), [onUploaded, upsert]);
  useEffect(() => onItemChange((change) => ('item' in change ? upsert(change.item) : remove(change.removedId))), [onItemChange, upsert, remove]);

  const items = folder.items;
  const existing = useCallback((name: string): DriveItem | undefined => items.find((item) => item.name.toLowerCase() === name.toLowerCase()), [items]);
  const canWrite = folder.meta?.drive.canWrite ?? false;
  const driveName = drive === MY_DRIVE ? t('drive.myDrive') : folder.meta?.drive.name || context.driveName(drive);
  const path = folder.meta?.folder ? [...folder.meta.folder.path, { id: folder.meta.folder.id, name: folder.meta.folder.name }] : [];
  const here = path.at(-1)?.name ?? driveName;

  function addFiles(files: File[], skippedFolders = 0) {
    if (skippedFolders > 0) context.notify({ text: t('drive.upload.foldersSkipped') });
    if (files.length > 0) uploads.add(files, { kind: 'folder', drive, parentId: folderId }, existing);
  }

  const notFound = folder.status === 'error' && folder.error instanceof ApiError && folder.error.status === 404;

  return (
    <div className="drive-folder">
      <div className="drive-heading">
        <Breadcrumbs drive={drive} driveName={driveName} path={path} />
        {canWrite && (
          <div className="drive-toolbar">
            <NewFolderDialog slug={slug} drive={drive} parentId={folderId} onCreated={upsert} />
            <UploadButton onFiles={addFiles} />
          </div>
        )}
      </div>
      {folder.meta && !canWrite && <p className="drive-note">{t('drive.readOnly')}</p>}
      <DropZone enabled={canWrite} hint={t('drive.dropHint', { folder: here })} onFiles={addFiles}>
        <section className="drive-list" aria-label={t('drive.contentOf', { folder: here })} aria-busy={folder.status === 'loading' || undefined}>
          {folder.status === 'loading' && <Loading />}
          {notFound && (
            <div className="drive-empty">
              <p>{t('drive.folderNotFound')}</p>
              <Link className="button button-secondary" to={viewHref({ kind: 'folder', drive: MY_DRIVE, folderId: null })}>
                {t('drive.backToMyDrive')}
              </Link>
            </div>
          )}
          {folder.status === 'error' && !notFound && <LoadFailed error={folder.error} onRetry={folder.reload} />}
          {folder.status === 'ready' && items.length === 0 && (
            <div className="drive-empty" data-testid="drive-empty">
              <FileIcon kind="folder" size={56} />
              <p className="drive-empty-title">{folderId ? t('drive.emptyFolder') : t('drive.emptyDrive')}</p>
              {canWrite && <p className="muted">{t('drive.emptyHint')}</p>}
            </div>
          )}
          {items.length > 0 && <ItemTable label={t('drive.contentOf', { folder: here })} items={items} actions={actions} />}
          {folder.status === 'ready' && folder.error !== null && <FormError error={folder.error} />}
          <div className="drive-more">
            <LoadMore hasMore={folder.hasMore} loading={folder.loadingMore} onLoadMore={folder.loadMore} />
          </div>
        </section>
      </DropZone>
    </div>
  );
}
