// A button for destructive actions that asks for a second click instead of a
// blocking window.confirm(), which screen readers and browser tests handle badly.
import { useState } from 'react';
import { useT } from '../i18n/i18n-context';

interface ConfirmButtonProps {
  /** Visible text of the first button. */
  label: string;
  /** Accessible name when the visible label alone is ambiguous in a table. */
  accessibleLabel?: string;
  /** Text of the confirming button; defaults to "Are you sure?". */
  confirmLabel?: string;
  onConfirm: () => void;
  disabled?: boolean;
}

export function ConfirmButton({
  label,
  accessibleLabel,
  confirmLabel,
  onConfirm,
  disabled,
}: ConfirmButtonProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);

  if (!asking) {
    return (
      <button
        type="button"
        className="button button-danger-quiet"
        aria-label={accessibleLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-group">
      <button
        type="button"
        className="button button-danger"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        autoFocus
      >
        {confirmLabel ?? t('common.areYouSure')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
