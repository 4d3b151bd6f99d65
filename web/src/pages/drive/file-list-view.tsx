// Files gathered from several places: those shared with me, and the files
// of all my drives that changed lately. Each offers to show its folder.
import { useEffect } from 'react';
import { listRecent, listSharedWithMe } from '../../api/drive';
import type { DriveItem } from '../../api/drive-types';
import type { ItemList } from '../../api/types';
import { Loading } from '../../components/loading';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useDrive } from './drive-context';
import { FileIcon } from './file-icon';
import { ItemTable } from './item-table';
import { LoadFailed } from './load-failed';
import { useItemActions } from './use-item-actions';

const replaceIn = (list: ItemList<DriveItem>, item: DriveItem) => ({
  items: item.trashedAt ? list.items.filter((other) => other.id !== item.id) : list.items.map((other) => (other.id === item.id ? item : other)),
});

export function FileListView({ kind }: { kind: 'shared' | 'recent' }) {
  const t = useT();
  const { slug, uploads, onItemChange } = useDrive();
  const actions = useItemActions();
  const { resource, reload, update } = useResource(() => (kind === 'shared' ? listSharedWithMe(slug) : listRecent(slug)), `${kind}-${slug}`);
  const onUploaded = uploads.onDone;

  useEffect(() => onUploaded((_task, item) => update((list) => replaceIn(list, item))), [onUploaded, update]);
  useEffect(
    () => onItemChange((change) => update((list) => ('item' in change ? replaceIn(list, change.item) : { items: list.items.filter((item) => item.id !== change.removedId) }))),
    [onItemChange, update],
  );

  const title = kind === 'shared' ? t('drive.sharedWithMe') : t('drive.recent');
  return (
    <div className="drive-folder">
      <div className="drive-heading">
        <h1>{title}</h1>
      </div>
      <section className="drive-list" aria-label={title} aria-busy={resource.status === 'loading' || undefined}>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'error' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' && resource.data.items.length === 0 && (
          <div className="drive-empty" data-testid="drive-empty">
            <FileIcon kind="other" size={56} />
            <p className="drive-empty-title">{kind === 'shared' ? t('drive.sharedEmpty') : t('drive.recentEmpty')}</p>
            <p className="muted">{kind === 'shared' ? t('drive.sharedEmptyHint') : t('drive.recentEmptyHint')}</p>
          </div>
        )}
        {resource.status === 'ready' && resource.data.items.length > 0 && (
          <ItemTable label={title} items={resource.data.items} actions={actions} showLocation />
        )}
      </section>
    </div>
  );
}
