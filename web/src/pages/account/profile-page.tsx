// /profile and /i/:slug/profile: the user's display name and language, and
// inside an instance the way to their profile in its directory.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { updateMe } from '../../api/me';
import type { Locale } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useLocaleOptions } from '../../i18n/use-locale-options';
import { useSession } from '../../session/session-context';
import { useOptionalInstance } from '../instance/instance-context';
import { personPath } from '../people/person-link';

export function ProfilePage() {
  const t = useT();
  const { user } = useSession();
  const instance = useOptionalInstance();
  if (!user) return null;
  return (
    <div className="page page-narrow">
      <h1>{t('profile.title')}</h1>
      <p className="muted">{t('profile.emailNote', { email: user.email })}</p>
      {instance && (
        <p>
          {t('profile.directoryNote', { instance: instance.name })}{' '}
          <Link to={personPath(instance.slug, user.id)}>{t('profile.directoryLink')}</Link>
        </p>
      )}
      {/* Keyed by user: after switching accounts the form starts from the new one's values. */}
      <ProfileForm key={user.id} initialName={user.displayName} initialLocale={user.locale} />
    </div>
  );
}

function ProfileForm({ initialName, initialLocale }: { initialName: string; initialLocale: Locale }) {
  const t = useT();
  const { setLocale } = useLocale();
  const { replaceUser } = useSession();
  const localeOptions = useLocaleOptions();
  const [displayName, setDisplayName] = useState(initialName);
  const [locale, setChosenLocale] = useState<Locale>(initialLocale);
  const [saved, setSaved] = useState(false);
  const action = useAction(updateMe);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const user = await action.run({ displayName: displayName.trim(), locale });
    if (!user) return;
    replaceUser(user);
    setLocale(user.locale);
    setSaved(true);
  }

  return (
    <form className="card form" onSubmit={submit}>
      <FormError error={action.error} />
      <Notice>{saved && t('profile.saved')}</Notice>
      <TextField
        label={t('field.displayName')}
        autoComplete="name"
        required
        maxLength={100}
        value={displayName}
        onChange={setDisplayName}
      />
      <SelectField
        label={t('language.label')}
        value={locale}
        options={localeOptions}
        onChange={setChosenLocale}
      />
      <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
        {t('common.save')}
      </SubmitButton>
    </form>
  );
}
