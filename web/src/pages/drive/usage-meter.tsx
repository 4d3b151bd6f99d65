// "1.2 GB of 10 GB used", with a bar that turns red when space runs out.
import type { DriveUsage } from '../../api/drive-types';
import { formatBytes } from '../../i18n/format-bytes';
import { useLocale, useT } from '../../i18n/i18n-context';

const NEARLY_FULL = 0.9;

export function UsageMeter({ usage }: { usage: DriveUsage | null }) {
  const t = useT();
  const { locale } = useLocale();
  if (!usage) return null;
  const used = formatBytes(usage.usedBytes, locale);
  if (usage.quotaBytes === null) {
    return (
      <div className="usage" data-testid="drive-usage">
        <p className="usage-text">{t('drive.usageNoQuota', { used })}</p>
      </div>
    );
  }
  const ratio = usage.quotaBytes === 0 ? 1 : Math.min(1, usage.usedBytes / usage.quotaBytes);
  const text = t('drive.usage', { used, quota: formatBytes(usage.quotaBytes, locale) });
  return (
    <div className="usage" data-testid="drive-usage">
      <p className="usage-text">{text}</p>
      <div
        className={ratio >= NEARLY_FULL ? 'usage-bar usage-bar-full' : 'usage-bar'}
        role="meter"
        aria-label={t('drive.usageLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
        aria-valuetext={text}
      >
        {/* At least a sliver, so a little use still shows. */}
        <span style={{ width: `${Math.max(ratio * 100, usage.usedBytes > 0 ? 1.5 : 0)}%` }} />
      </div>
    </div>
  );
}
