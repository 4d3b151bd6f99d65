// /settings and /i/:slug/settings: the email digest and the API tokens of
// the current instance when there is one, the password and sign-in sessions.
import { useState } from 'react';
import { useT } from '../../i18n/i18n-context';
import { useOptionalInstance } from '../instance/instance-context';
import { ApiTokensSection } from './api-tokens-section';
import { ChangePasswordForm } from './change-password-form';
import { DigestSection } from './digest-section';
import { SessionsSection } from './sessions-section';

export function SettingsPage() {
  const t = useT();
  const instance = useOptionalInstance();
  // Changing the password ends the other sessions; bumping this reloads the list.
  const [sessionsVersion, setSessionsVersion] = useState(0);

  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      {instance ? (
        <DigestSection instance={instance} />
      ) : (
        <section className="card" aria-labelledby="digest-title">
          <h2 id="digest-title">{t('digest.title')}</h2>
          <p className="muted">{t('digest.needInstance')}</p>
        </section>
      )}
      <ChangePasswordForm onChanged={() => setSessionsVersion((n) => n + 1)} />
      <SessionsSection version={sessionsVersion} />
      {instance ? (
        <ApiTokensSection instance={instance} />
      ) : (
        <section className="card" aria-labelledby="api-tokens-title">
          <h2 id="api-tokens-title">{t('tokens.title')}</h2>
          <p className="muted">{t('tokens.needInstance')}</p>
        </section>
      )}
    </div>
  );
}
