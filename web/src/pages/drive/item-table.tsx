// A list of files and folders as a table: name, last change, size, actions.
// On a narrow screen only the name and the actions remain, with the size and
// the author under the name.
import type { DriveItem } from '../../api/drive-types';
import { useT } from '../../i18n/i18n-context';
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
    <table className="drive-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('drive.column.name')}</th>
          <th scope="col" className="cell-modified">{t('drive.column.modified')}</th>
          <th scope="col" className="cell-size">{t('drive.column.size')}</th>
          <th scope="col" className="cell-actions">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <ItemRow key={item.id} item={item} actions={actions} siblings={files} showLocation={showLocation} />
        ))}
      </tbody>
    </table>
  );
}
