// Pending and past invitations of the instance, the revoke button, and the
// form to invite someone by email.
import { listInvitations, revokeInvitation } from '../../api/invitations';
import type { Invitation } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useRoleLabel } from '../../i18n/use-role-label';
import { useInstance } from '../instance/instance-context';
import { InviteForm } from './invite-form';

export function InvitationsSection() {
  const t = useT();
  const { locale } = useLocale();
  const roleLabel = useRoleLabel();
  const { instance } = useInstance();
  const slug = instance.slug;
  const { resource, update } = useResource(() => listInvitations(slug), `invitations-${slug}`);
  const revoke = useAction(async (invitationId: string) => {
    await revokeInvitation(slug, invitationId);
    update((list) => ({
      items: list.items.map((invitation) =>
        invitation.id === invitationId ? { ...invitation, status: 'revoked' as const } : invitation,
      ),
    }));
  });

  function onInvited(invitation: Invitation) {
    update((list) => ({ items: [invitation, ...list.items.filter((i) => i.id !== invitation.id)] }));
  }

  return (
    <section className="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('invitations.title')}</h2>
      <FormError error={revoke.error} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <FormError error={resource.error} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="muted">{t('invitations.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="invitations-table">
              <thead>
                <tr>
                  <th scope="col">{t('members.email')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('invitations.expires')}</th>
                  <th scope="col">{t('members.status')}</th>
                  <th scope="col">{t('invitations.invitedBy')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {resource.data.items.map((invitation) => (
                  <tr key={invitation.id} data-status={invitation.status}>
                    <td>{invitation.email}</td>
                    <td>{roleLabel(invitation.role)}</td>
                    <td className="cell-date">{formatDate(invitation.expiresAt, locale)}</td>
                    <td>{t(`invitationStatus.${invitation.status}`)}</td>
                    <td>{invitation.invitedBy?.displayName ?? '—'}</td>
                    <td className="cell-actions">
                      {invitation.status === 'pending' && (
                        <ConfirmButton
                          label={t('invitations.revoke')}
                          accessibleLabel={t('invitations.revokeLabel', { email: invitation.email })}
                          disabled={revoke.pending}
                          onConfirm={() => void revoke.run(invitation.id)}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <InviteForm slug={slug} onInvited={onInvited} />
    </section>
  );
}
