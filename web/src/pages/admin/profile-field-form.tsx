// Defines a custom profile field, or changes one: label, type (fixed once
// created), choices (one per line, for choice fields), whether it is
// required, who fills it in, and its position.
import { useState, type FormEvent } from 'react';
import { createProfileField, updateProfileField } from '../../api/people';
import {
  FIELD_EDITORS,
  PROFILE_FIELD_TYPES,
  type ProfileField,
  type ProfileFieldInput,
} from '../../api/people-types';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';

interface ProfileFieldFormProps {
  slug: string;
  /** The field to change; absent to define a new one. */
  field?: ProfileField;
  submitLabel: string;
  onSaved: (field: ProfileField) => void;
}

/** Choices as typed, one per line: blank lines and repeats dropped. */
export function parseChoices(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}

function changedFrom(field: ProfileField, input: ProfileFieldInput): Partial<ProfileFieldInput> {
  const changes: Partial<ProfileFieldInput> = {};
  if (input.label !== field.label) changes.label = input.label;
  if (input.type === 'choice' && input.choices.join('\n') !== field.choices.join('\n')) changes.choices = input.choices;
  if (input.required !== field.required) changes.required = input.required;
  if (input.editableBy !== field.editableBy) changes.editableBy = input.editableBy;
  if (input.position !== field.position) changes.position = input.position;
  return changes;
}

export function ProfileFieldForm({ slug, field, submitLabel, onSaved }: ProfileFieldFormProps) {
  const t = useT();
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState(field?.type ?? 'text');
  const [choices, setChoices] = useState(field?.choices.join('\n') ?? '');
  const [required, setRequired] = useState(field?.required ?? false);
  const [editableBy, setEditableBy] = useState(field?.editableBy ?? 'user');
  const [position, setPosition] = useState(String(field?.position ?? 0));
  const action = useAction(async (input: ProfileFieldInput) => {
    if (!field) return createProfileField(slug, input);
    const changes = changedFrom(field, input);
    return Object.keys(changes).length === 0 ? field : updateProfileField(slug, field.id, changes);
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: ProfileFieldInput = {
      label: label.trim(),
      type,
      choices: type === 'choice' ? parseChoices(choices) : [],
      required,
      editableBy,
      position: Number(position) || 0,
    };
    const saved = await action.run(input);
    if (!saved) return;
    if (!field) {
      setLabel('');
      setChoices('');
      setRequired(false);
    }
    onSaved(saved);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={submitLabel}>
      <FormError error={action.error} />
      <TextField label={t('profileFields.label')} required maxLength={60} value={label} onChange={setLabel} />
      <SelectField
        label={t('profileFields.type')}
        value={type}
        disabled={field !== undefined}
        options={PROFILE_FIELD_TYPES.map((each) => ({ value: each, label: t(`profileFields.type.${each}`) }))}
        onChange={setType}
      />
      {field && <p className="field-hint">{t('profileFields.typeFixed')}</p>}
      {type === 'choice' && (
        <TextAreaField
          label={t('profileFields.choices')}
          hint={t('profileFields.choicesHint')}
          required
          rows={5}
          value={choices}
          onChange={setChoices}
        />
      )}
      <SelectField
        label={t('profileFields.editableBy')}
        value={editableBy}
        options={FIELD_EDITORS.map((each) => ({ value: each, label: t(`profileFields.editableBy.${each}`) }))}
        onChange={setEditableBy}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={required} onChange={(event) => setRequired(event.target.checked)} />
          {t('profileFields.required')}
        </label>
        <p className="field-hint">{t('profileFields.requiredHint')}</p>
      </div>
      <TextField
        label={t('profileFields.position')}
        hint={t('profileFields.positionHint')}
        type="number"
        inputMode="numeric"
        min={0}
        max={1000}
        value={position}
        onChange={setPosition}
      />
      <SubmitButton pending={action.pending} pendingLabel={t('common.saving')}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
