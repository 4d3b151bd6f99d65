// On one's own profile: the required fields still empty, those one can fill
// (with a button to do it) and those an administrator fills.
import type { Profile, ProfileField } from '../../api/people-types';
import { useT } from '../../i18n/i18n-context';
import { canFillField } from '../../policies/people-policies';
import { useInstance } from '../instance/instance-context';

interface MissingFieldsPromptProps {
  profile: Profile;
  fields: ProfileField[];
  /** Absent while the edit form is already open. */
  onFillIn?: () => void;
}

export function MissingFieldsPrompt({ profile, fields, onFillIn }: MissingFieldsPromptProps) {
  const t = useT();
  const { instance } = useInstance();
  const missing = fields.filter((field) => profile.missingRequired.includes(field.id));
  if (missing.length === 0) return null;
  const mine = missing.filter((field) => canFillField(instance.role, field));
  const byAdmin = missing.filter((field) => !mine.includes(field));
  const names = (list: ProfileField[]) => list.map((field) => field.label).join(', ');

  return (
    <section className="alert alert-warning" aria-labelledby="missing-fields-title" data-testid="missing-fields">
      <h2 id="missing-fields-title">{t('person.missingTitle')}</h2>
      {mine.length > 0 && <p>{t('person.missingBody', { fields: names(mine) })}</p>}
      {byAdmin.length > 0 && <p>{t('person.missingByAdmin', { fields: names(byAdmin) })}</p>}
      {mine.length > 0 && onFillIn && (
        <button type="button" className="button button-primary" onClick={onFillIn}>
          {t('person.fillIn')}
        </button>
      )}
    </section>
  );
}
