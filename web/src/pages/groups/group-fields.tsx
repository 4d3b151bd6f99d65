// The fields that describe a group, shared by the creation dialog and the
// settings tab: name, description, visibility (each choice explained) and
// who may post.
import { useId } from 'react';
import {
  GROUP_POSTINGS,
  GROUP_VISIBILITIES,
  type GroupInput,
} from '../../api/group-types';
import { SelectField } from '../../components/select-field';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

export const EMPTY_GROUP: GroupInput = {
  name: '',
  description: '',
  visibility: 'open',
  posting: 'everyone',
};

interface GroupFieldsProps {
  value: GroupInput;
  onChange: (value: GroupInput) => void;
}

export function GroupFields({ value, onChange }: GroupFieldsProps) {
  const t = useT();
  const id = useId();
  const set = (changes: Partial<GroupInput>) => onChange({ ...value, ...changes });

  return (
    <>
      <TextField
        label={t('groupForm.name')}
        required
        maxLength={100}
        value={value.name}
        onChange={(name) => set({ name })}
      />
      <TextAreaField
        label={t('groupForm.description')}
        maxLength={2000}
        rows={3}
        value={value.description}
        onChange={(description) => set({ description })}
      />
      <fieldset className="field choice-list">
        <legend>{t('groupForm.visibility')}</legend>
        {GROUP_VISIBILITIES.map((visibility) => (
          <div className="choice" key={visibility}>
            <input
              type="radio"
              id={`${id}-${visibility}`}
              name={`${id}-visibility`}
              value={visibility}
              checked={value.visibility === visibility}
              onChange={() => set({ visibility })}
              aria-describedby={`${id}-${visibility}-hint`}
            />
            <label htmlFor={`${id}-${visibility}`}>{t(`visibility.${visibility}`)}</label>
            <p className="field-hint" id={`${id}-${visibility}-hint`}>
              {t(`visibility.${visibility}Hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      <SelectField
        label={t('groupForm.posting')}
        value={value.posting}
        options={GROUP_POSTINGS.map((posting) => ({ value: posting, label: t(`posting.${posting}`) }))}
        onChange={(posting) => set({ posting })}
      />
    </>
  );
}
