// One upload in the list: name, progress bar and how far it got, then what
// can be done about it: cancel while it runs, answer a name conflict, retry a
// failure (resuming a large file where it stopped).
import type { Locale } from '../../../api/types';
import { formatBytes } from '../../../i18n/format-bytes';
import { useLocale, useT } from '../../../i18n/i18n-context';
import { canRetry, uploadProblem } from './upload-problem';
import type { ConflictChoice, UploadTask } from './upload-queue';

interface UploadRowProps {
  task: UploadTask;
  onCancel: () => void;
  onRetry: () => void;
  onResolve: (choice: ConflictChoice) => void;
}

function progressText(task: UploadTask, locale: Locale, t: ReturnType<typeof useT>): string {
  switch (task.status) {
    case 'queued':
      return t('drive.upload.waiting');
    case 'uploading':
      return t('drive.upload.progress', { sent: formatBytes(task.sent, locale), size: formatBytes(task.size, locale) });
    case 'completing':
      return t('drive.upload.finishing');
    case 'done':
      return task.onConflict === 'version' || task.target.kind === 'version'
        ? t('drive.upload.doneVersion', { version: task.result?.version ?? '' })
        : t('drive.upload.done');
    case 'cancelled':
      return t('drive.upload.cancelled');
    default:
      return '';
  }
}

export function UploadRow({ task, onCancel, onRetry, onResolve }: UploadRowProps) {
  const t = useT();
  const { locale } = useLocale();
  const running = task.status === 'uploading' || task.status === 'completing' || task.status === 'queued';
  const percent = task.size === 0 ? (task.status === 'done' ? 100 : 0) : Math.round((task.sent / task.size) * 100);

  return (
    <li className="upload-row" data-status={task.status} data-testid="upload-row" aria-label={task.name}>
      <div className="upload-row-top">
        <span className="upload-name">{task.name}</span>
        {running && (
          <button type="button" className="button button-quiet upload-action" onClick={onCancel} aria-label={t('drive.upload.cancelOne', { name: task.name })}>
            {t('common.cancel')}
          </button>
        )}
        {task.status === 'failed' && canRetry(task.error) && (
          <button type="button" className="button button-quiet upload-action" onClick={onRetry} aria-label={t('drive.upload.retryOne', { name: task.name })}>
            {t('common.retry')}
          </button>
        )}
      </div>
      {task.status !== 'conflict' && task.status !== 'failed' && task.status !== 'cancelled' && (
        <progress
          className="upload-progress"
          max={100}
          value={task.status === 'done' ? 100 : percent}
          aria-label={t('drive.upload.progressOf', { name: task.name })}
        />
      )}
      {task.status === 'failed' ? (
        <p className="upload-error" role="alert">
          {uploadProblem(task.error, t, locale, task.limitBytes)}
        </p>
      ) : task.status === 'conflict' ? (
        <div className="upload-conflict" role="group" aria-label={t('drive.upload.conflictLabel', { name: task.name })}>
          <p role="alert">{task.conflictWith === 'folder' ? t('drive.upload.conflictFolder', { name: task.name }) : t('drive.upload.conflict', { name: task.name })}</p>
          <div className="button-row">
            {task.conflictWith !== 'folder' && (
              <button type="button" className="button button-secondary" onClick={() => onResolve('version')}>
                {t('drive.upload.replace')}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => onResolve('rename')}>
              {t('drive.upload.keepBoth')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => onResolve('cancel')}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <p className="upload-status">{progressText(task, locale, t)}</p>
      )}
    </li>
  );
}
