// Hands the instance over to another member (owner only). The server makes
// the previous owner an administrator, so we reload the instance and members.
import { useState, type FormEvent } from 'react';
import { transferOwnership } from '../../api/members';
import { FormError } from '../../components/form-error';
import { SelectField } from '../../components/select-field';
import { SubmitButton } from '../../components/submit-button';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { canReceiveOwnership } from '../../policies/instance-policies';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import type { MemberList } from './use-member-list';

export function TransferOwnershipForm({ memberList }: { memberList: MemberList }) {
  const t = useT();
  const { instance, reloadInstance } = useInstance();
  const { refreshSession } = useSession();
  const [userId, setUserId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction(async (newOwnerId: string) => {
    await transferOwnership(instance.slug, newOwnerId);
    return true;
  });

  const candidates = memberList.members.filter(canReceiveOwnership);
  const chosen = candidates.find((member) => member.userId === userId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    if (!(await action.run(chosen.userId))) return;
    // Our role changed: the page re-renders as an administrator's.
    memberList.reload();
    await refreshSession();
    reloadInstance();
  }

  return (
    <section className="card card-danger" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transfer.title')}</h2>
      <p className="muted">{t('transfer.intro')}</p>
      {candidates.length === 0 ? (
        <p className="muted">{t('transfer.noCandidate')}</p>
      ) : (
        <form className="form" onSubmit={submit} aria-labelledby="transfer-title">
          <FormError error={action.error} />
          <SelectField
            label={t('transfer.member')}
            placeholder={t('transfer.choose')}
            required
            value={userId}
            options={candidates.map((member) => ({
              value: member.userId,
              label: `${member.displayName} (${member.email})`,
            }))}
            onChange={(value) => {
              setUserId(value);
              setConfirming(false);
            }}
          />
          <div className="button-row">
            <SubmitButton pending={action.pending} disabled={!chosen} variant="danger">
              {confirming && chosen
                ? t('transfer.confirm', { name: chosen.displayName })
                : t('transfer.submit')}
            </SubmitButton>
            {confirming && (
              <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
