// What a drive list shows in its place when it could not be loaded: why,
// and a way to try again.
import { FormError } from '../../components/form-error';
import { useT } from '../../i18n/i18n-context';

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="drive-empty">
      <FormError error={error} />
      <button type="button" className="button button-secondary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
