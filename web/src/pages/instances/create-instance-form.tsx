// Creates an instance. The slug follows the name until the user edits it
// themselves, then it is theirs.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { createInstance } from '../../api/instances';
import type { Locale } from '../../api/types';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useLocaleOptions } from '../../i18n/use-locale-options';
import { useSession } from '../../session/session-context';
import { isValidSlug, suggestSlug } from './instance-slug';

export function CreateInstanceForm() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { refreshSession } = useSession();
  const localeOptions = useLocaleOptions();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [defaultLocale, setDefaultLocale] = useState<Locale>(locale);
  const action = useAction(async (input: Parameters<typeof createInstance>[0]) => {
    const created = await createInstance(input);
    // The instance switcher reads the instance list from the session.
    await refreshSession();
    return created;
  });

  function changeName(value: string) {
    setName(value);
    if (!slugEdited) setSlug(suggestSlug(value));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await action.run({ name: name.trim(), slug, defaultLocale });
    if (created) navigate(`/i/${created.slug}`);
  }

  const slugInvalid = slug.length > 0 && !isValidSlug(slug);
  return (
    <form className="form" onSubmit={submit} aria-labelledby="create-instance">
      <h2 id="create-instance">{t('createInstance.title')}</h2>
      <FormError error={action.error} />
      <TextField
        label={t('createInstance.name')}
        required
        maxLength={100}
        value={name}
        onChange={changeName}
      />
      <TextField
        label={t('createInstance.slug')}
        required
        maxLength={40}
        autoCapitalize="none"
        spellCheck={false}
        hint={
          slug
            ? `${t('createInstance.slugHint')} ${t('createInstance.slugPreview', { path: `/i/${slug}` })}`
            : t('createInstance.slugHint')
        }
        invalid={slugInvalid ? t('createInstance.slugInvalid') : null}
        value={slug}
        onChange={(value) => {
          // Emptying the field hands the slug back to the name's suggestion.
          setSlugEdited(value !== '');
          setSlug(value.toLowerCase());
        }}
      />
      <SelectField
        label={t('createInstance.defaultLocale')}
        value={defaultLocale}
        options={localeOptions}
        onChange={setDefaultLocale}
      />
      <SubmitButton
        pending={action.pending}
        pendingLabel={t('createInstance.pending')}
        disabled={slugInvalid}
      >
        {t('createInstance.submit')}
      </SubmitButton>
    </form>
  );
}
