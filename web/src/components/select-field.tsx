// A labelled <select> over a fixed list of typed values.
import { useId } from 'react';

export interface SelectOption<Value extends string> {
  value: Value;
  label: string;
}

interface SelectFieldProps<Value extends string> {
  label: string;
  value: Value | '';
  options: SelectOption<Value>[];
  onChange: (value: Value) => void;
  /** Shown as a first, unselectable entry when nothing is chosen yet. */
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
}

export function SelectField<Value extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  required,
  disabled,
}: SelectFieldProps<Value>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        required={required}
        disabled={disabled}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {placeholder !== undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
