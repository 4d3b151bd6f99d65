// Lets an administrator create an account directly, for people who cannot
// receive the invitation email or must start with a known password.
import { useState, type FormEvent } from 'react';
import { createMemberAccount } from '../../api/members';
import type { AssignableRole, Member } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useRoleOptions } from './use-role-options';

export function CreateAccountForm({ onCreated }: { onCreated: (member: Member) => void }) {
  const t = useT();
  const { instance } = useInstance();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<AssignableRole>('member');
  const [password, setPassword] = useState('');
  const [createdFor, setCreatedFor] = useState<string | null>(null);
  const action = useAction((input: Parameters<typeof createMemberAccount>[1]) =>
    createMemberAccount(instance.slug, input),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreatedFor(null);
    const member = await action.run({
      email: email.trim(),
      displayName: displayName.trim(),
      role,
      password,
    });
    if (!member) return;
    onCreated(member);
    setCreatedFor(member.email);
    setEmail('');
    setDisplayName('');
    setPassword('');
  }

  return (
    <section className="card" aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t('createAccount.title')}</h2>
      <p className="muted">{t('createAccount.intro')}</p>
      <form className="form" onSubmit={submit} aria-labelledby="create-account-title">
        <FormError error={action.error} />
        <Notice>{createdFor && t('createAccount.done', { email: createdFor })}</Notice>
        <TextField
          label={t('field.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label={t('field.displayName')}
          autoComplete="off"
          required
          maxLength={100}
          value={displayName}
          onChange={setDisplayName}
        />
        <SelectField label={t('field.role')} value={role} options={roleOptions} onChange={setRole} />
        <TextField
          label={t('createAccount.password')}
          type="password"
          autoComplete="new-password"
          required
            hint={t('field.passwordHint')}
          value={password}
          onChange={setPassword}
        />
        <SubmitButton pending={action.pending}>{t('createAccount.submit')}</SubmitButton>
      </form>
    </section>
  );
}
