// A form's submit button: disabled and relabelled while the request runs, so
// a double click cannot send the form twice.
import type { ReactNode } from 'react';

interface SubmitButtonProps {
  pending: boolean;
  pendingLabel?: string;
  disabled?: boolean;
  variant?: 'primary' | 'danger';
  children: ReactNode;
}

export function SubmitButton({
  pending,
  pendingLabel,
  disabled,
  variant = 'primary',
  children,
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`button button-${variant}`}
      disabled={pending || disabled}
      aria-busy={pending || undefined}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
