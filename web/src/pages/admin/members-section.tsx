// The members table of the admin page, with the actions an administrator
// may take on each row and a "load more" button for the next page.
import { useState } from 'react';
import {
  removeMember,
  revokeMemberSessions,
  updateMember,
} from '../../api/members';
import type { AssignableRole, Member } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { canManageMember } from '../../policies/instance-policies';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { MemberRow, type MemberRowActions } from './member-row';
import type { MemberList } from './use-member-list';

export function MembersSection({ memberList }: { memberList: MemberList }) {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const slug = instance.slug;

  const rowAction = useAction(async (perform: () => Promise<string | null>) => {
    setNotice(null);
    setNotice(await perform());
  });

  const actions: MemberRowActions = {
    changeRole: (member: Member, role: AssignableRole) =>
      void rowAction.run(async () => {
        memberList.replaceMember(await updateMember(slug, member.userId, { role }));
        return null;
      }),
    setStatus: (member: Member, status: Member['status']) =>
      void rowAction.run(async () => {
        memberList.replaceMember(await updateMember(slug, member.userId, { status }));
        return null;
      }),
    revokeSessions: (member: Member) =>
      void rowAction.run(async () => {
        await revokeMemberSessions(slug, member.userId);
        return t('members.sessionsRevoked', { name: member.displayName });
      }),
    remove: (member: Member) =>
      void rowAction.run(async () => {
        await removeMember(slug, member.userId);
        memberList.forgetMember(member.userId);
        return null;
      }),
  };

  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <FormError error={rowAction.error ?? memberList.error} />
      <Notice>{notice}</Notice>
      {memberList.status === 'loading' && <Loading />}
      {memberList.status === 'ready' && memberList.members.length === 0 && (
        <p className="muted">{t('members.empty')}</p>
      )}
      {memberList.members.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.status')}</th>
                <th scope="col">{t('members.joined')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {memberList.members.map((member) => (
                <MemberRow
                  key={member.userId}
                  member={member}
                  isSelf={member.userId === user?.id}
                  editable={!!user && canManageMember(instance.role, user.id, member)}
                  busy={rowAction.pending}
                  actions={actions}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {memberList.hasMore && (
        <button
          type="button"
          className="button button-secondary"
          disabled={memberList.loadingMore}
          onClick={memberList.loadMore}
        >
          {memberList.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
