// Chooses a people set's rule: a profile attribute (department, location,
// job title, or a custom field) and the value members must have. The value
// input follows the attribute: the choices of a choice field, a date picker
// for a date field, else free text.
import { useId, useState, type FormEvent } from 'react';
import type { PeopleSetRule } from '../../api/group-types';
import type { ProfileField } from '../../api/people-types';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

const STANDARD = ['department', 'location', 'jobTitle'] as const;
const FIELD_PREFIX = 'field:';

/** The <select> value for a rule's attribute: its name, or field:<id>. */
export function attributeKey(rule: Pick<PeopleSetRule, 'attribute' | 'fieldId'>): string {
  return rule.attribute === 'field' ? `${FIELD_PREFIX}${rule.fieldId ?? ''}` : rule.attribute;
}

function ruleFrom(key: string, value: string): PeopleSetRule | null {
  if (key.startsWith(FIELD_PREFIX)) return { attribute: 'field', fieldId: key.slice(FIELD_PREFIX.length), value };
  const standard = STANDARD.find((each) => each === key);
  return standard ? { attribute: standard, value } : null;
}

interface PeopleSetFormProps {
  rule: PeopleSetRule | null;
  fields: ProfileField[];
  pending: boolean;
  onSave: (rule: PeopleSetRule) => void;
}

export function PeopleSetForm({ rule, fields, pending, onSave }: PeopleSetFormProps) {
  const t = useT();
  const id = useId();
  const [key, setKey] = useState(rule ? attributeKey(rule) : '');
  const [value, setValue] = useState(rule?.value ?? '');
  const field = fields.find((each) => key === `${FIELD_PREFIX}${each.id}`);
  const wanted = ruleFrom(key, value.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    if (wanted && wanted.value) onSave(wanted);
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('peopleSet.title')}>
      <div className="field">
        <label htmlFor={`${id}-attribute`}>{t('peopleSet.attribute')}</label>
        <select
          id={`${id}-attribute`}
          value={key}
          required
          onChange={(event) => {
            setKey(event.target.value);
            setValue('');
          }}
        >
          <option value="" disabled>
            {t('peopleSet.choose')}
          </option>
          {STANDARD.map((each) => (
            <option key={each} value={each}>
              {t(`people.${each}`)}
            </option>
          ))}
          {fields.length > 0 && (
            <optgroup label={t('peopleSet.customFields')}>
              {fields.map((each) => (
                <option key={each.id} value={`${FIELD_PREFIX}${each.id}`}>
                  {each.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      {field?.type === 'choice' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('peopleSet.value')}</label>
          <select id={`${id}-value`} value={value} required onChange={(event) => setValue(event.target.value)}>
            <option value="" disabled>
              {t('person.noChoice')}
            </option>
            {field.choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <TextField
          label={t('peopleSet.value')}
          hint={field?.type === 'date' ? undefined : t('peopleSet.valueHint')}
          type={field?.type === 'date' ? 'date' : 'text'}
          required
          maxLength={100}
          value={value}
          onChange={setValue}
        />
      )}
      <SubmitButton pending={pending} pendingLabel={t('common.saving')} disabled={!wanted?.value}>
        {t('peopleSet.save')}
      </SubmitButton>
    </form>
  );
}
