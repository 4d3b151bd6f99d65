// The dialog about one item that its menu (or the viewer) opened: rename,
// move, copy, versions or share. Closing keeps it mounted until the native
// dialog has closed, so focus goes back to the button that opened it.
import type { DriveItem, DriveItemDetail } from '../../api/drive-types';
import { useT } from '../../i18n/i18n-context';
import { useDrive, type ItemDialogKind } from './drive-context';
import { FolderPickerDialog } from './folder-picker-dialog';
import { RenameDialog } from './rename-dialog';
import { ShareDialog } from './share-dialog';
import { VersionsDialog } from './versions-dialog';

interface ItemDialogsProps {
  dialog: { kind: ItemDialogKind; item: DriveItem; open: boolean };
  onClose: () => void;
}

export function ItemDialogs({ dialog, onClose }: ItemDialogsProps) {
  const t = useT();
  const drive = useDrive();
  const { kind, item, open } = dialog;

  function placed(result: DriveItemDetail, text: string) {
    drive.changed(result);
    drive.notify({ text });
    onClose();
  }

  const where = (result: DriveItemDetail) => result.path.at(-1)?.name ?? drive.driveName(result.drive);

  switch (kind) {
    case 'rename':
      return (
        <RenameDialog
          slug={drive.slug}
          item={item}
          open={open}
          onClose={onClose}
          onRenamed={(renamed) => {
            drive.changed(renamed);
            onClose();
          }}
        />
      );
    case 'move':
      return <FolderPickerDialog mode="move" item={item} open={open} onClose={onClose} onDone={(moved) => placed(moved, t('drive.moved', { name: moved.name, folder: where(moved) }))} />;
    case 'copy':
      return <FolderPickerDialog mode="copy" item={item} open={open} onClose={onClose} onDone={(copy) => placed(copy, t('drive.copied', { name: copy.name, folder: where(copy) }))} />;
    case 'versions':
      return <VersionsDialog item={item} open={open} onClose={onClose} />;
    case 'share':
      return <ShareDialog item={item} open={open} onClose={onClose} />;
  }
}
