// A labelled input with an optional hint and inline problem, wired together
// with ids so assistive technology reads them with the field.
import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** A problem with the current value, shown under the field. */
  invalid?: string | null;
}

export function TextField({ label, value, onChange, hint, invalid, ...inputProps }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const invalidId = `${id}-invalid`;
  const describedBy = [hint ? hintId : null, invalid ? invalidId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid ? true : undefined}
        {...inputProps}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {invalid && (
        <p className="field-invalid" id={invalidId}>
          {invalid}
        </p>
      )}
    </div>
  );
}
