// A drive's trash: what was deleted, when, and when it goes for good; each
// item can be restored (back in its folder) or deleted forever, and the
// whole trash emptied after a confirmation.
import { useNavigate } from 'react-router';
import { deleteForever, emptyTrash, listTrash, restoreItem } from '../../api/drive';
import type { DriveItem, DriveRef } from '../../api/drive-types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { RelativeTime } from '../../components/relative-time';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { pluralForm } from '../../i18n/plural';
import { useDrive } from './drive-context';
import { viewHref } from './drive-location';
import { DriveTable } from './drive-table';
import { FileIcon } from './file-icon';
import { LoadFailed } from './load-failed';
import { mediaKind } from './media-kind';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysLeft(item: DriveItem, trashDays: number): number {
  const deleted = new Date(item.trashedAt ?? Date.now()).getTime();
  return Math.max(0, Math.ceil((deleted + trashDays * DAY_MS - Date.now()) / DAY_MS));
}

export function TrashView({ drive }: { drive: DriveRef }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const context = useDrive();
  const { slug, usage } = context;
  const { resource, reload, update } = useResource(() => listTrash(slug, drive), `trash-${slug}-${drive}`);
  const action = useAction(async (perform: () => Promise<void>) => perform());
  const items = resource.status === 'ready' ? resource.data.items : [];
  const forget = (id: string) => update((list) => ({ items: list.items.filter((item) => item.id !== id) }));

  const restore = (item: DriveItem) =>
    void action.run(async () => {
      const restored = await restoreItem(slug, item.id);
      forget(item.id);
      context.changed(restored);
      context.notify({ text: t('drive.restored', { name: restored.name }) });
    });
  const destroy = (item: DriveItem) =>
    void action.run(async () => {
      await deleteForever(slug, item.id);
      forget(item.id);
      context.reloadUsage();
    });
  const empty = () =>
    void action.run(async () => {
      await emptyTrash(slug, drive);
      update(() => ({ items: [] }));
      context.reloadUsage();
    });

  return (
    <div className="drive-folder">
      <div className="drive-heading">
        <h1>{t('drive.trash')}</h1>
        {items.length > 0 && (
          <div className="drive-toolbar">
            <ConfirmButton label={t('drive.emptyTrash')} confirmLabel={t('drive.emptyTrashConfirm')} disabled={action.pending} onConfirm={empty} />
          </div>
        )}
      </div>
      {context.writableDrives.length > 1 && (
        <div className="field trash-drive">
          <label htmlFor="trash-drive">{t('drive.trashOf')}</label>
          <select id="trash-drive" value={drive} onChange={(event) => navigate(viewHref({ kind: 'trash', drive: event.target.value }))}>
            {context.writableDrives.map((option) => (
              <option key={option.ref} value={option.ref}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {usage && <p className="drive-note">{t(`drive.trashNote.${pluralForm(locale, usage.trashDays)}`, { days: usage.trashDays })}</p>}
      <FormError error={action.error} />
      <section className="drive-list" aria-label={t('drive.trash')} aria-busy={resource.status === 'loading' || undefined}>
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'error' && <LoadFailed error={resource.error} onRetry={reload} />}
        {resource.status === 'ready' && items.length === 0 && (
          <div className="drive-empty" data-testid="drive-empty">
            <p className="drive-empty-title">{t('drive.trashEmpty')}</p>
          </div>
        )}
        {items.length > 0 && (
          <DriveTable label={t('drive.trash')} dateHeading={t('drive.column.deleted')}>
            {items.map((item) => {
              const left = usage ? daysLeft(item, usage.trashDays) : null;
              return (
                <tr key={item.id} className="drive-row" data-testid="trash-item">
                  <td className="cell-name">
                    <div className="item-name-cell">
                      <FileIcon kind={mediaKind(item)} size={36} />
                      <div className="item-name-text">
                        <span className="item-name item-name-static">{item.name}</span>
                        {left !== null && <span className="item-meta-small">{t(`drive.purgeIn.${pluralForm(locale, left)}`, { days: left })}</span>}
                      </div>
                    </div>
                  </td>
                  <td className="cell-modified">{item.trashedAt && <RelativeTime iso={item.trashedAt} />}</td>
                  <td className="cell-size">{item.kind === 'file' ? formatBytes(item.size, locale) : ''}</td>
                  <td className="cell-actions">
                    <span className="button-row">
                      <button type="button" className="button button-quiet" disabled={action.pending} onClick={() => restore(item)} aria-label={t('drive.restoreOne', { name: item.name })}>
                        {t('drive.restore')}
                      </button>
                      <ConfirmButton
                        label={t('drive.deleteForever')}
                        accessibleLabel={t('drive.deleteForeverOne', { name: item.name })}
                        confirmLabel={t('drive.deleteForeverConfirm')}
                        disabled={action.pending}
                        onConfirm={() => destroy(item)}
                      />
                    </span>
                  </td>
                </tr>
              );
            })}
          </DriveTable>
        )}
      </section>
    </div>
  );
}
