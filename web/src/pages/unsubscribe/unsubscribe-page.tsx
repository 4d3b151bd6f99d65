// /i/:slug/unsubscribe?token=…: the link at the bottom of every digest email.
// It works without signing in (the token is the credential) and changes
// nothing until the button is pressed, so a mail scanner opening the link
// does not unsubscribe anyone.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { unsubscribeFromDigests } from '../../api/notifications';
import { ApiError } from '../../api/problem';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { AuthCard } from '../auth/auth-layout';

/** A token the server does not know or not even shaped like one, or no such instance. */
function isInvalidLink(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'unsubscribe_invalid' || error.code === 'validation_failed' || error.status === 404)
  );
}

export function UnsubscribePage() {
  const t = useT();
  const { slug = '' } = useParams();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [done, setDone] = useState(false);
  // Resolves to true, so success can be told from failure (which gives undefined).
  const action = useAction(async () => {
    await unsubscribeFromDigests(slug, token);
    return true;
  });
  const settings = (
    <Link className="button button-secondary" to={`/i/${slug}/settings`}>
      {t('unsubscribe.toSettings')}
    </Link>
  );

  if (!token || isInvalidLink(action.error)) {
    return (
      <EmptyState icon="mail" title={t('unsubscribe.invalidTitle')} action={settings}>
        <p role="alert">{token ? t('unsubscribe.invalid') : t('unsubscribe.missingToken')}</p>
      </EmptyState>
    );
  }
  if (done) {
    return (
      <EmptyState icon="mail" title={t('unsubscribe.doneTitle')} action={settings}>
        <p role="status">{t('unsubscribe.done')}</p>
      </EmptyState>
    );
  }
  return (
    <AuthCard title={t('unsubscribe.title')}>
      <form
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (await action.run()) setDone(true);
        }}
      >
        <p>{t('unsubscribe.intro')}</p>
        <FormError error={action.error} />
        <SubmitButton pending={action.pending} pendingLabel={t('unsubscribe.pending')}>
          {t('unsubscribe.submit')}
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
