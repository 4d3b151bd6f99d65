// Any address the router does not know.
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { useT } from '../i18n/i18n-context';

export function NotFoundPage() {
  const t = useT();
  return (
    <EmptyState
      icon="compass"
      title={t('state.pageNotFoundTitle')}
      action={
        <Link className="button button-secondary" to="/">
          {t('state.home')}
        </Link>
      }
    >
      <p>{t('state.pageNotFoundBody')}</p>
    </EmptyState>
  );
}
