// What a page shows while its data loads.
import { useT } from '../i18n/i18n-context';

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
