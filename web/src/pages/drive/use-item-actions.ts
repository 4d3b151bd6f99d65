// The actions on an item, as entries of its menu: open, download, rename,
// move, copy, share, versions, show where it is, delete. Deleting puts the
// item in the trash at once and offers to undo it.
import { useNavigate } from 'react-router';
import { contentUrl, restoreItem, trashItem } from '../../api/drive';
import type { DriveItem } from '../../api/drive-types';
import { useT } from '../../i18n/i18n-context';
import { problemMessage } from '../../i18n/problem-message';
import { useDrive } from './drive-context';
import { isBrowsableDrive, viewHref } from './drive-location';
import { canCopy, canMove, canRename, canShareItem, canTrash } from './drive-permissions';
import type { MenuEntry } from './menu-button';

export interface ItemActions {
  open: (item: DriveItem, siblings?: DriveItem[]) => void;
  trash: (item: DriveItem) => Promise<void>;
  entries: (item: DriveItem, options?: { siblings?: DriveItem[]; showLocation?: boolean }) => MenuEntry[];
}

export function useItemActions(): ItemActions {
  const t = useT();
  const navigate = useNavigate();
  const drive = useDrive();
  const { slug } = drive;

  function open(item: DriveItem, siblings?: DriveItem[]) {
    if (item.kind === 'folder') navigate(viewHref({ kind: 'folder', drive: item.drive, folderId: item.id }));
    else drive.openFile(item, siblings);
  }

  async function trash(item: DriveItem) {
    try {
      await trashItem(slug, item.id);
    } catch (error) {
      drive.notify({ text: problemMessage(error, t) });
      return;
    }
    drive.removed(item.id);
    drive.reloadUsage();
    drive.notify({
      text: t('drive.trashed', { name: item.name }),
      undo: () => {
        restoreItem(slug, item.id).then(
          (restored) => {
            drive.changed(restored);
            drive.notify({ text: t('drive.restored', { name: restored.name }) });
          },
          (error: unknown) => drive.notify({ text: problemMessage(error, t) }),
        );
      },
    });
  }

  function entries(item: DriveItem, options: { siblings?: DriveItem[]; showLocation?: boolean } = {}): MenuEntry[] {
    const list: MenuEntry[] = [{ key: 'open', label: t('drive.action.open'), onSelect: () => open(item, options.siblings) }];
    if (item.kind === 'file') list.push({ key: 'download', label: t('drive.action.download'), href: contentUrl(slug, item.id), download: true });
    if (options.showLocation && isBrowsableDrive(item.drive)) {
      list.push({ key: 'location', label: t('drive.action.showLocation'), onSelect: () => navigate(viewHref({ kind: 'folder', drive: item.drive, folderId: item.parentId })) });
    }
    if (canRename(item)) list.push({ key: 'rename', label: t('drive.action.rename'), onSelect: () => drive.openDialog('rename', item) });
    if (canMove(item)) list.push({ key: 'move', label: t('drive.action.move'), onSelect: () => drive.openDialog('move', item) });
    if (canCopy(item)) list.push({ key: 'copy', label: t('drive.action.copy'), onSelect: () => drive.openDialog('copy', item) });
    if (canShareItem(item, drive.canShare)) list.push({ key: 'share', label: t('drive.action.share'), onSelect: () => drive.openDialog('share', item) });
    if (item.kind === 'file') list.push({ key: 'versions', label: t('drive.action.versions'), onSelect: () => drive.openDialog('versions', item) });
    if (canTrash(item)) list.push({ key: 'trash', label: t('drive.action.trash'), danger: true, onSelect: () => void trash(item) });
    return list;
  }

  return { open, trash, entries };
}
