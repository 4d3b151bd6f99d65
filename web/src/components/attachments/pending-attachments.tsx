// The files a composer is about to send, as chips: a picture of the image
// (or its kind), name and size, the upload's progress, why it failed (with
// "Try again" when that may help), and a button to remove it.
import { MAX_ATTACHMENTS } from '../../api/attachment-types';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';
import { AttachmentIcon } from './attachment-icon';
import { attachmentKind } from './attachment-kind';
import { mayRetryUpload, uploadProblem } from './upload-problem';
import type { AttachmentUploads, PendingUpload } from './use-attachment-uploads';

export function PendingAttachments({ uploads }: { uploads: AttachmentUploads }) {
  const t = useT();
  if (uploads.items.length === 0 && !uploads.overLimit) return null;
  return (
    <div className="pending-attachments">
      {uploads.items.length > 0 && (
        <ul className="pending-attachment-list" aria-label={t('attachments.pendingLabel')}>
          {uploads.items.map((item) => (
            <PendingChip key={item.key} item={item} onRemove={() => uploads.remove(item.key)} onRetry={() => uploads.retry(item.key)} />
          ))}
        </ul>
      )}
      {uploads.overLimit && (
        <p className="pending-attachments-notice" role="status">
          {t('attachments.full', { max: MAX_ATTACHMENTS })}
        </p>
      )}
    </div>
  );
}

interface PendingChipProps {
  item: PendingUpload;
  onRemove: () => void;
  onRetry: () => void;
}

function PendingChip({ item, onRemove, onRetry }: PendingChipProps) {
  const t = useT();
  const { locale } = useLocale();
  const { file, status } = item;
  const name = file.name || t('attachments.unnamed');
  const percent = file.size > 0 ? Math.round((item.sent / file.size) * 100) : 100;

  return (
    <li className={`pending-attachment pending-attachment-${status}`} data-testid="pending-attachment">
      {item.thumbnail ? (
        <img className="pending-attachment-thumb" src={item.thumbnail} alt="" />
      ) : (
        <AttachmentIcon kind={attachmentKind(item.attachment?.mediaType ?? file.type)} size={28} />
      )}
      <div className="pending-attachment-text">
        <span className="pending-attachment-name" title={name}>
          {name}
        </span>
        {status === 'failed' ? (
          <span className="pending-attachment-error" role="alert">
            {uploadProblem(item.error, t)}
            {mayRetryUpload(item.error) && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={onRetry} aria-label={t('attachments.retry', { name })}>
                  {t('common.retry')}
                </button>
              </>
            )}
          </span>
        ) : (
          <span className="pending-attachment-size">
            {status === 'uploading' ? t('attachments.progress', { percent, size: formatBytes(file.size, locale) }) : formatBytes(file.size, locale)}
          </span>
        )}
        {status === 'uploading' && (
          <progress className="pending-attachment-progress" max={100} value={percent} aria-label={t('attachments.uploading', { name })} />
        )}
      </div>
      <button type="button" className="pending-attachment-remove" aria-label={t('attachments.remove', { name })} title={t('attachments.remove', { name })} onClick={onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
