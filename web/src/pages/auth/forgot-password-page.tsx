// /forgot-password: asks for a reset link. The server answers 202 whether or
// not the account exists, and so does this page, so it reveals nothing.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../api/auth';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { AuthCard } from './auth-layout';

export function ForgotPasswordPage() {
  const t = useT();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction(async (address: string) => {
    await requestPasswordReset(address);
    return address;
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = await action.run(email.trim());
    if (address !== undefined) setSentTo(address);
  }

  return (
    <AuthCard title={t('forgot.title')}>
      {sentTo ? (
        <Notice>{t('forgot.sent', { email: sentTo })}</Notice>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>{t('forgot.intro')}</p>
          <FormError error={action.error} />
          <TextField
            label={t('field.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={setEmail}
          />
          <SubmitButton pending={action.pending} pendingLabel={t('forgot.pending')}>
            {t('forgot.submit')}
          </SubmitButton>
        </form>
      )}
      <p className="auth-links">
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </AuthCard>
  );
}
