// Changes the password of the signed-in user. The server ends every other
// session; this one stays, so we refresh it in case the CSRF token rotated.
import { useState, type FormEvent } from 'react';
import { changePassword } from '../../api/me';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { NewPasswordFields, passwordsMatch } from '../auth/new-password-fields';

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { refreshSession } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async (current: string, next: string) => {
    await changePassword(current, next);
    return true;
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (!passwordsMatch(newPassword, confirmation)) return;
    if (!(await action.run(currentPassword, newPassword))) return;
    setCurrentPassword('');
    setNewPassword('');
    setConfirmation('');
    setDone(true);
    await refreshSession();
    onChanged();
  }

  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{t('password.title')}</h2>
      <form className="form" onSubmit={submit}>
        <FormError error={action.error} />
        <Notice>{done && t('password.done')}</Notice>
        <TextField
          label={t('field.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <NewPasswordFields
          password={newPassword}
          confirmation={confirmation}
          onPasswordChange={setNewPassword}
          onConfirmationChange={setConfirmation}
        />
        <SubmitButton
          pending={action.pending}
          disabled={!passwordsMatch(newPassword, confirmation)}
        >
          {t('password.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
