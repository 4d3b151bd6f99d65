// Invites a member of the instance to the group: picked from a list when we
// can list the instance's members, else by user id.
import { useState, type FormEvent } from 'react';
import { inviteToGroup } from '../../api/groups';
import { FormError } from '../../components/form-error';
import { Notice } from '../../components/notice';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { TextField } from '../../components/text-field';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';
import { loadInviteCandidates } from './invite-candidates';

interface InviteToGroupFormProps {
  /** People who need no invitation: members and those already invited. */
  excludedUserIds: ReadonlySet<string>;
  onInvited: () => void;
}

export function InviteToGroupForm({ excludedUserIds, onInvited }: InviteToGroupFormProps) {
  const t = useT();
  const { instance } = useInstance();
  const { group } = useGroup();
  const { resource } = useResource(() => loadInviteCandidates(instance.slug), `invite-candidates-${instance.slug}`);
  const [userId, setUserId] = useState('');
  const [invited, setInvited] = useState<string | null>(null);
  const action = useAction(async (id: string) => {
    await inviteToGroup(instance.slug, group.id, id);
    return true;
  });

  const candidates =
    resource.status === 'ready' && resource.data
      ? resource.data.filter((candidate) => !excludedUserIds.has(candidate.userId))
      : null;
  const picking = candidates !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = userId.trim();
    if (!id) return;
    setInvited(null);
    if (!(await action.run(id))) return;
    setInvited(candidates?.find((candidate) => candidate.userId === id)?.label ?? id);
    setUserId('');
    onInvited();
  }

  return (
    <form className="form form-inset" onSubmit={submit} aria-labelledby="group-invite-title">
      <h3 id="group-invite-title">{t('groupInvite.title')}</h3>
      <FormError error={action.error} />
      <Notice>{invited && t('groupInvite.sent', { name: invited })}</Notice>
      {picking && candidates.length === 0 && <p className="muted">{t('groupInvite.noCandidate')}</p>}
      {picking && candidates.length > 0 && (
        <SelectField
          label={t('groupInvite.member')}
          placeholder={t('groupInvite.choose')}
          required
          value={userId}
          options={candidates.map((candidate) => ({ value: candidate.userId, label: candidate.label }))}
          onChange={setUserId}
        />
      )}
      {resource.status !== 'loading' && !picking && (
        <TextField
          label={t('groupInvite.userId')}
          hint={t('groupInvite.userIdHint')}
          required
          value={userId}
          onChange={setUserId}
        />
      )}
      {!(picking && candidates.length === 0) && (
        <SubmitButton pending={action.pending} disabled={!userId.trim()}>
          {t('groupInvite.submit')}
        </SubmitButton>
      )}
    </form>
  );
}
