// Editing a profile: job title, department, location, "about", and the
// custom fields, each by its type. Only what changed is sent.
import { useState, type FormEvent } from 'react';
import { updateProfile } from '../../api/people';
import type { Profile, ProfileField } from '../../api/people-types';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { canFillField } from '../../policies/people-policies';
import { useInstance } from '../instance/instance-context';
import { CustomFieldInput } from './custom-field-input';
import { changesBetween, STANDARD_FIELDS, valuesOf, type ProfileValues } from './profile-changes';

interface ProfileEditFormProps {
  profile: Profile;
  fields: ProfileField[];
  onSaved: (profile: Profile) => void;
  onCancel: () => void;
}

export function ProfileEditForm({ profile, fields, onSaved, onCancel }: ProfileEditFormProps) {
  const t = useT();
  const { instance } = useInstance();
  const [values, setValues] = useState<ProfileValues>(() => valuesOf(profile, fields));
  const [unchanged, setUnchanged] = useState(false);
  const action = useAction((changes: Parameters<typeof updateProfile>[2]) =>
    updateProfile(instance.slug, profile.userId, changes),
  );
  const fillable = fields.filter((field) => canFillField(instance.role, field));
  const set = (changes: Partial<ProfileValues>) => setValues((current) => ({ ...current, ...changes }));
  const setField = (fieldId: string, value: string) =>
    setValues((current) => ({ ...current, fields: { ...current.fields, [fieldId]: value } }));
  // The server points at custom fields as …/fields/<id>.
  const fieldLabel = (path: string) => fields.find((field) => path.endsWith(`/${field.id}`))?.label;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesBetween(profile, values, fillable);
    setUnchanged(changes === null);
    if (!changes) return;
    const saved = await action.run(changes);
    if (saved) onSaved(saved);
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="profile-edit-title">
      <FormError error={action.error} fieldLabel={fieldLabel} />
      <Notice>{unchanged && t('person.noChanges')}</Notice>
      {STANDARD_FIELDS.map((key) => (
        <TextField
          key={key}
          label={t(`people.${key}`)}
          maxLength={100}
          value={values[key]}
          onChange={(value) => set({ [key]: value })}
        />
      ))}
      <TextAreaField
        label={t('person.about')}
        hint={t('person.aboutHint')}
        maxLength={2000}
        rows={4}
        value={values.about}
        onChange={(about) => set({ about })}
      />
      {fields.map((field) => (
        <CustomFieldInput
          key={field.id}
          field={field}
          value={values.fields[field.id] ?? ''}
          onChange={(value) => setField(field.id, value)}
          editable={fillable.includes(field)}
        />
      ))}
      <div className="button-row">
        <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
          {t('common.save')}
        </SubmitButton>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
