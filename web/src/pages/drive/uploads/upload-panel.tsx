// The uploads of this page, in a panel at the bottom of the window (like
// every file manager): a summary line that can fold the list away, and a
// row per file. It folds to its summary once everything arrived.
import { useState } from 'react';
import { useLocale, useT } from '../../../i18n/i18n-context';
import { pluralForm } from '../../../i18n/plural';
import { useDrive } from '../drive-context';
import { UploadList } from './upload-list';
import { isActive } from './upload-queue';

export function UploadPanel() {
  const t = useT();
  const { locale } = useLocale();
  const { uploads } = useDrive();
  const [folded, setFolded] = useState(false);
  const [wasActive, setWasActive] = useState(0);
  const { tasks } = uploads;
  const active = tasks.filter(isActive).length;
  const failed = tasks.filter((task) => task.status === 'failed').length;
  // Unfolds when files start going up; folds away once all arrived well, so
  // it does not cover the list; stays open while a failure needs reading.
  if (active !== wasActive) {
    setWasActive(active);
    if (active > wasActive) setFolded(false);
    else if (active === 0 && failed === 0) setFolded(true);
  }
  if (tasks.length === 0) return null;
  const summary = active > 0
    ? t(`drive.upload.summaryActive.${pluralForm(locale, active)}`, { count: active })
    : failed > 0
      ? t(`drive.upload.summaryFailed.${pluralForm(locale, failed)}`, { count: failed })
      : t('drive.upload.summaryDone');

  return (
    <section className="upload-panel" aria-label={t('drive.upload.panel')}>
      <div className="upload-panel-head">
        <h2 aria-live="polite">{summary}</h2>
        {active === 0 && (
          <button type="button" className="button button-quiet" onClick={uploads.clearFinished}>
            {t('drive.upload.clear')}
          </button>
        )}
        <button type="button" className="button button-quiet" aria-expanded={!folded} onClick={() => setFolded((was) => !was)}>
          {folded ? t('drive.upload.show') : t('drive.upload.hide')}
        </button>
      </div>
      {!folded && <UploadList tasks={tasks} queue={uploads} />}
    </section>
  );
}
