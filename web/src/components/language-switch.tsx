// Lets anyone change the interface language. The choice is remembered in the
// browser and, for a signed-in user, saved on the account so it follows them.
import { useId } from 'react';
import { updateMe } from '../api/me';
import type { Locale } from '../api/types';
import { useLocale, useT } from '../i18n/i18n-context';
import { isLocale, SUPPORTED_LOCALES } from '../i18n/locale';
import { useSession } from '../session/session-context';

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { user, replaceUser } = useSession();
  const id = useId();

  async function choose(next: Locale) {
    setLocale(next);
    if (!user || user.locale === next) return;
    try {
      replaceUser(await updateMe({ locale: next }));
    } catch {
      // The interface already switched; the account keeps its old language
      // until the next change, which is a small and visible inconsistency.
    }
  }

  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('language.switchLabel')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) void choose(event.target.value);
        }}
      >
        {SUPPORTED_LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
