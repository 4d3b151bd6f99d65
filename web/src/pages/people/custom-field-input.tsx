// The input for one custom profile field, by its type: a text box, a list of
// its choices, or a date. Required fields say so; fields only administrators
// fill are shown but cannot be changed by anyone else.
import { useId } from 'react';
import type { ProfileField } from '../../api/people-types';
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

interface CustomFieldInputProps {
  field: ProfileField;
  value: string;
  onChange: (value: string) => void;
  /** False for an administrators-only field seen by someone else. */
  editable: boolean;
}

export function CustomFieldInput({ field, value, onChange, editable }: CustomFieldInputProps) {
  const t = useT();
  const id = useId();
  const label = field.required ? `${field.label} ${t('person.requiredMark')}` : field.label;
  const hint = editable ? undefined : t('person.adminOnly');
  const required = field.required && editable;

  if (field.type !== 'choice') {
    return (
      <TextField
        label={label}
        type={field.type === 'date' ? 'date' : 'text'}
        maxLength={field.type === 'text' ? 500 : undefined}
        required={required}
        disabled={!editable}
        hint={hint}
        value={value}
        onChange={onChange}
      />
    );
  }
  // A value no longer among the choices (they changed since) stays visible rather than vanishing.
  const choices = value && !field.choices.includes(value) ? [value, ...field.choices] : field.choices;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        required={required}
        disabled={!editable}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('person.noChoice')}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
