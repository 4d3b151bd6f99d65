// One file or folder of a list: thumbnail or icon, name (a link into a
// folder, a button opening a file in the viewer), when and by whom it last
// changed, its size, and its menu of actions.
import { Link } from 'react-router';
import type { DriveItem } from '../../api/drive-types';
import { RelativeTime } from '../../components/relative-time';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useDrive } from './drive-context';
import { viewHref } from './drive-location';
import { ItemThumbnail } from './item-thumbnail';
import { MenuButton } from './menu-button';
import type { ItemActions } from './use-item-actions';

interface ItemRowProps {
  item: DriveItem;
  actions: ItemActions;
  siblings?: DriveItem[];
  showLocation?: boolean;
}

export function ItemRow({ item, actions, siblings, showLocation }: ItemRowProps) {
  const t = useT();
  const { locale } = useLocale();
  const { slug } = useDrive();
  const me = useSession().user?.id;
  const size = item.kind === 'file' ? formatBytes(item.size, locale) : '';
  const by = item.updatedBy ? (item.updatedBy.id === me ? t('drive.byMe') : item.updatedBy.displayName) : '';

  return (
    <tr className="drive-row" data-testid="drive-item" data-kind={item.kind}>
      <td className="cell-name">
        <div className="item-name-cell">
          <ItemThumbnail slug={slug} item={item} />
          <div className="item-name-text">
            {item.kind === 'folder' ? (
              <Link className="item-name" to={viewHref({ kind: 'folder', drive: item.drive, folderId: item.id })}>
                {item.name}
              </Link>
            ) : (
              <button type="button" className="item-name" onClick={() => actions.open(item, siblings)}>
                {item.name}
              </button>
            )}
            <span className="item-meta-small" aria-hidden="true">
              {[size, by].filter(Boolean).join(' · ')}
            </span>
          </div>
        </div>
      </td>
      <td className="cell-modified">
        <RelativeTime iso={item.updatedAt} />
        {by && <span className="muted"> · {by}</span>}
      </td>
      <td className="cell-size" data-testid="item-size">{size}</td>
      <td className="cell-actions">
        <MenuButton label={t('drive.actionsFor', { name: item.name })} entries={actions.entries(item, { siblings, showLocation })}>
          <span aria-hidden="true">⋯</span>
        </MenuButton>
      </td>
    </tr>
  );
}
