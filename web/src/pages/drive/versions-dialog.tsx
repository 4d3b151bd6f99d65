// A file's versions, newest first: number, when, by whom, size; each can be
// downloaded, an old one restored (it comes back as the newest version,
// history is kept), and a new version uploaded from here.
import { useEffect } from 'react';
import { listVersions, restoreVersion, versionContentUrl } from '../../api/drive';
import type { DriveItem, DriveVersion } from '../../api/drive-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { ModalDialog } from '../../components/modal-dialog';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { formatBytes } from '../../i18n/format-bytes';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useDrive } from './drive-context';
import { canUploadVersion } from './drive-permissions';
import { UploadButton } from './upload-button';
import { UploadList } from './uploads/upload-list';

interface VersionsDialogProps {
  item: DriveItem;
  open: boolean;
  onClose: () => void;
}

export function VersionsDialog({ item, open, onClose }: VersionsDialogProps) {
  const t = useT();
  const { locale } = useLocale();
  const me = useSession().user?.id;
  const context = useDrive();
  const { slug, uploads } = context;
  const { resource, reload } = useResource(() => listVersions(slug, item.id), `versions-${slug}-${item.id}`);
  const restore = useAction(async (version: DriveVersion) => {
    const restored = await restoreVersion(slug, item.id, version.id);
    context.changed(restored);
    reload();
  });
  const onUploaded = uploads.onDone;
  useEffect(() => onUploaded((task) => task.target.kind === 'version' && task.target.itemId === item.id && reload()), [onUploaded, item.id, reload]);

  const mine = uploads.tasks.filter((task) => task.target.kind === 'version' && task.target.itemId === item.id && task.status !== 'done' && task.status !== 'cancelled');
  const editable = canUploadVersion(item);

  return (
    <ModalDialog open={open} title={t('drive.versionsTitle', { name: item.name })} onClose={onClose}>
      <div className="versions">
        {editable && (
          <div className="versions-upload">
            <UploadButton variant="secondary" multiple={false} label={t('drive.uploadVersion')} onFiles={(files) => uploads.add(files.slice(0, 1), { kind: 'version', itemId: item.id })} />
            {mine.length > 0 && <UploadList tasks={mine} queue={uploads} />}
          </div>
        )}
        <FormError error={restore.error} />
        {resource.status === 'loading' && <Loading />}
        {resource.status === 'error' && <FormError error={resource.error} />}
        {resource.status === 'ready' && (
          <ol className="version-list" aria-label={t('drive.versions')}>
            {resource.data.versions.map((version) => (
              <li key={version.id} className="version-row" data-testid="version" data-current={version.current || undefined}>
                <div className="version-text">
                  <p className="version-title">
                    {t('drive.versionNumber', { number: version.number })}
                    {version.current && <span className="badge badge-accent">{t('drive.currentVersion')}</span>}
                  </p>
                  <p className="version-meta">
                    {formatDate(version.createdAt, locale)}
                    {version.uploadedBy && ` · ${version.uploadedBy.id === me ? t('drive.byMe') : version.uploadedBy.displayName}`}
                    {` · ${formatBytes(version.size, locale)}`}
                  </p>
                </div>
                <div className="button-row">
                  <a className="button button-quiet" href={versionContentUrl(slug, item.id, version.id)} download aria-label={t('drive.downloadVersion', { number: version.number })}>
                    {t('drive.action.download')}
                  </a>
                  {!version.current && editable && (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={restore.pending}
                      aria-label={t('drive.restoreVersion', { number: version.number })}
                      onClick={() => void restore.run(version)}
                    >
                      {t('drive.restore')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </ModalDialog>
  );
}
