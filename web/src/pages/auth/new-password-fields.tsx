// "New password" and "confirm" fields, used wherever a password is chosen
// (reset, change). The mismatch check is the only rule enforced here. No
// maxLength: a browser silently truncates a pasted password to it, and the
// server answers password_too_long, which the form then shows.
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
}

export function passwordsMatch(password: string, confirmation: string): boolean {
  return password === confirmation;
}

export function NewPasswordFields({
  password,
  confirmation,
  onPasswordChange,
  onConfirmationChange,
}: NewPasswordFieldsProps) {
  const t = useT();
  const mismatch = confirmation.length > 0 && !passwordsMatch(password, confirmation);
  return (
    <>
      <TextField
        label={t('field.newPassword')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('field.passwordHint')}
        value={password}
        onChange={onPasswordChange}
      />
      <TextField
        label={t('field.confirmPassword')}
        type="password"
        autoComplete="new-password"
        required
        invalid={mismatch ? t('field.passwordMismatch') : null}
        value={confirmation}
        onChange={onConfirmationChange}
      />
    </>
  );
}
