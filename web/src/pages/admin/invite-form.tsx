// Invites someone by email; the server sends them the join link.
import { useState, type FormEvent } from 'react';
import { inviteMember } from '../../api/invitations';
import type { AssignableRole, Invitation } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useRoleOptions } from './use-role-options';

interface InviteFormProps {
  slug: string;
  onInvited: (invitation: Invitation) => void;
}

export function InviteForm({ slug, onInvited }: InviteFormProps) {
  const t = useT();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AssignableRole>('member');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useAction((input: { email: string; role: AssignableRole }) =>
    inviteMember(slug, input),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    const invitation = await action.run({ email: email.trim(), role });
    if (!invitation) return;
    onInvited(invitation);
    setSentTo(invitation.email);
    setEmail('');
  }

  return (
    <form className="form form-inset" onSubmit={submit} aria-labelledby="invite-title">
      <h3 id="invite-title">{t('invite.title')}</h3>
      <FormError error={action.error} />
      <Notice>{sentTo && t('invite.sent', { email: sentTo })}</Notice>
      <div className="form-row">
        <TextField
          label={t('field.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
        />
        <SelectField label={t('field.role')} value={role} options={roleOptions} onChange={setRole} />
      </div>
      <SubmitButton pending={action.pending}>{t('invite.submit')}</SubmitButton>
    </form>
  );
}
