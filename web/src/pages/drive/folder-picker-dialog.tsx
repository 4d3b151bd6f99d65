// Moving or copying an item: browse the folders of a drive (moves stay in
// the item's drive; copies may go to any drive I can add to) and confirm
// "Move here" or "Copy here". A folder cannot go into itself.
import { useEffect, useState } from 'react';
import { copyItem, listFolder, moveItem } from '../../api/drive';
import type { DriveItem, DriveItemDetail, DriveRef, PathStep } from '../../api/drive-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { ModalDialog } from '../../components/modal-dialog';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useDrive } from './drive-context';
import { FileIcon } from './file-icon';

const MAX_PAGES = 5;

/** The subfolders of a folder: they come first, so reading stops at the first file. */
async function listSubfolders(slug: string, drive: DriveRef, folderId: string | null): Promise<DriveItem[]> {
  const folders: DriveItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await listFolder(slug, drive, folderId, cursor, 200);
    folders.push(...result.items.filter((item) => item.kind === 'folder'));
    cursor = result.nextCursor;
    if (!cursor || result.items.some((item) => item.kind === 'file')) break;
  }
  return folders;
}

interface FolderPickerDialogProps {
  mode: 'move' | 'copy';
  item: DriveItem;
  open: boolean;
  onClose: () => void;
  onDone: (result: DriveItemDetail) => void;
}

export function FolderPickerDialog({ mode, item, open, onClose, onDone }: FolderPickerDialogProps) {
  const t = useT();
  const { slug, writableDrives, driveName } = useDrive();
  const startDrive = mode === 'move' || writableDrives.some((d) => d.ref === item.drive) ? item.drive : 'me';
  const [drive, setDrive] = useState<DriveRef>(startDrive);
  const [path, setPath] = useState<PathStep[]>([]);
  const [folders, setFolders] = useState<{ key: string; items: DriveItem[] } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const folderId = path.at(-1)?.id ?? null;
  const key = `${drive}/${folderId ?? ''}`;
  const action = useAction(() => (mode === 'move' ? moveItem(slug, item.id, folderId) : copyItem(slug, item.id, { drive, parentId: folderId })));

  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoadError(null);
    listSubfolders(slug, drive, folderId).then(
      (items) => current && setFolders({ key, items }),
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [open, slug, drive, folderId, key]);

  async function confirm() {
    const result = await action.run();
    if (result) onDone(result);
  }

  const here = path.at(-1)?.name ?? driveName(drive);
  const unchanged = mode === 'move' && drive === item.drive && folderId === item.parentId;
  const shown = folders?.key === key ? folders.items : null;
  const title = mode === 'move' ? t('drive.moveTitle', { name: item.name }) : t('drive.copyTitle', { name: item.name });

  return (
    <ModalDialog open={open} title={title} onClose={onClose}>
      <div className="folder-picker">
        {mode === 'copy' && writableDrives.length > 1 && (
          <div className="field">
            <label htmlFor="copy-drive">{t('drive.copyToDrive')}</label>
            <select
              id="copy-drive"
              value={drive}
              onChange={(event) => {
                setDrive(event.target.value);
                setPath([]);
              }}
            >
              {writableDrives.map((option) => (
                <option key={option.ref} value={option.ref}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <nav className="picker-path" aria-label={t('drive.pickerPath')}>
          <ol>
            {[{ id: null as string | null, name: driveName(drive) }, ...path].map((step, index, all) => (
              <li key={step.id ?? 'root'}>
                {index < all.length - 1 ? (
                  <button type="button" className="link-button" onClick={() => setPath(path.slice(0, index))}>
                    {step.name}
                  </button>
                ) : (
                  <strong aria-current="location">{step.name}</strong>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <div className="picker-folders" aria-busy={shown === null || undefined}>
          {loadError !== null && <FormError error={loadError} />}
          {shown === null && loadError === null && <Loading />}
          {shown !== null && shown.length === 0 && <p className="muted">{t('drive.noSubfolders')}</p>}
          {shown !== null && shown.length > 0 && (
            <ul aria-label={t('drive.foldersIn', { folder: here })}>
              {shown.map((folder) => {
                const itself = mode === 'move' && folder.id === item.id;
                return (
                  <li key={folder.id}>
                    <button type="button" className="picker-folder" disabled={itself} onClick={() => setPath([...path, { id: folder.id, name: folder.name }])}>
                      <FileIcon kind="folder" size={22} />
                      <span>{folder.name}</span>
                      <span className="picker-folder-go" aria-hidden="true">›</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <FormError error={action.error} />
        <div className="button-row picker-actions">
          <button type="button" className="button button-primary" disabled={action.pending || unchanged} aria-busy={action.pending || undefined} onClick={() => void confirm()}>
            {mode === 'move' ? t('drive.moveHere', { folder: here }) : t('drive.copyHere', { folder: here })}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
