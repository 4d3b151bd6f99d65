// A list of files and folders as a table: name, last change, size, actions.
// On a narrow screen only the name and the actions remain, with the size and
// the author under the name.
import type { DriveItem } from '../../api/drive-types';
import { useT } from '../../i18n/i18n-context';
import { DriveTable } from './drive-table';
import { ItemRow } from './item-row';
import type { ItemActions } from './use-item-actions';

interface ItemTableProps {
  label: string;
  items: DriveItem[];
  actions: ItemActions;
  /** Offer "Show in its folder" (lists that gather files from several places). */
  showLocation?: boolean;
}

export function ItemTable({ label, items, actions, showLocation }: ItemTableProps) {
  const t = useT();
  const files = items.filter((item) => item.kind === 'file');
  return (
    <DriveTable label={label} dateHeading={t('drive.column.modified')}>
      {items.map((item) => (
        <ItemRow key={item.id} item={item} actions={actions} siblings={files} showLocation={showLocation} />
      ))}
    </DriveTable>
  );
}
