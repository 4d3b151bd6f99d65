// The instance's name and default language (the language new members and
// instance emails start in).
import { useState, type FormEvent } from 'react';
import { updateInstance } from '../../api/instances';
import type { Locale } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useLocaleOptions } from '../../i18n/use-locale-options';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';

export function InstanceSettingsForm() {
  const t = useT();
  const { instance, replaceInstance } = useInstance();
  const { refreshSession } = useSession();
  const localeOptions = useLocaleOptions();
  const [name, setName] = useState(instance.name);
  const [defaultLocale, setDefaultLocale] = useState<Locale>(instance.defaultLocale);
  const [saved, setSaved] = useState(false);
  const action = useAction((changes: { name: string; defaultLocale: Locale }) =>
    updateInstance(instance.slug, changes),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const updated = await action.run({ name: name.trim(), defaultLocale });
    if (!updated) return;
    replaceInstance(updated);
    setSaved(true);
    // The instance switcher shows names from the session.
    await refreshSession();
  }

  return (
    <section className="card" aria-labelledby="instance-settings-title">
      <h2 id="instance-settings-title">{t('instanceSettings.title')}</h2>
      <form className="form" onSubmit={submit} aria-labelledby="instance-settings-title">
        <FormError error={action.error} />
        <Notice>{saved && t('instanceSettings.saved')}</Notice>
        <TextField
          label={t('createInstance.name')}
          required
          maxLength={100}
          value={name}
          onChange={setName}
        />
        <SelectField
          label={t('createInstance.defaultLocale')}
          value={defaultLocale}
          options={localeOptions}
          onChange={setDefaultLocale}
        />
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
          {t('common.save')}
        </SubmitButton>
      </form>
    </section>
  );
}
