// /reset-password?token=…: the page the reset email links to.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { confirmPasswordReset } from '../../api/auth';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { AuthCard } from './auth-layout';
import { NewPasswordFields, passwordsMatch } from './new-password-fields';

export function ResetPasswordPage() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(async (resetToken: string, newPassword: string) => {
    await confirmPasswordReset(resetToken, newPassword);
    return true;
  });

  if (!token) {
    return (
      <AuthCard title={t('reset.title')}>
        <div className="alert alert-error" role="alert">
          {t('reset.missingToken')}
        </div>
        <p className="auth-links">
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        </p>
      </AuthCard>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token || !passwordsMatch(password, confirmation)) return;
    if (await action.run(token, password)) setDone(true);
  }

  return (
    <AuthCard title={t('reset.title')}>
      {done ? (
        <Notice>{t('reset.done')}</Notice>
      ) : (
        <form className="form" onSubmit={submit}>
          <FormError error={action.error} />
          <NewPasswordFields
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
          />
          <SubmitButton pending={action.pending} disabled={!passwordsMatch(password, confirmation)}>
            {t('reset.submit')}
          </SubmitButton>
        </form>
      )}
      <p className="auth-links">
        {done ? (
          <Link to="/sign-in">{t('signUp.toSignIn')}</Link>
        ) : (
          <Link to="/forgot-password">{t('reset.requestNew')}</Link>
        )}
      </p>
    </AuthCard>
  );
}
