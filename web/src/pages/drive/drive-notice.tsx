// The last thing that happened ("Moved to the trash"), at the bottom of the
// window for a few seconds, with "Undo" when it can be undone. Announced to
// screen readers as a status.
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n-context';
import type { DriveNotice } from './drive-context';

const SHOWN_MS = 8000;

export function DriveNoticeBar({ notice, onDismiss }: { notice: DriveNotice | null; onDismiss: () => void }) {
  const t = useT();
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(onDismiss, SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [notice, onDismiss]);

  return (
    <div className="drive-notice-region" role="status" aria-live="polite">
      {notice && (
        <div className="drive-notice" data-testid="drive-notice">
          <span>{notice.text}</span>
          {notice.undo && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                notice.undo?.();
                onDismiss();
              }}
            >
              {t('drive.undo')}
            </button>
          )}
          <button type="button" className="button button-quiet drive-notice-close" aria-label={t('drive.dismiss')} onClick={onDismiss}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}
