// The Members tab: who belongs to the group and with which role. Those who
// manage the group change roles, remove members and invite new ones.
import { listGroupMembers, listGroupRequests, removeGroupMember, setGroupRole } from '../../api/groups';
import type { GroupRole } from '../../api/group-types';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { useGroup } from './group-context';
import { GroupMemberRow } from './group-member-row';
import { InviteToGroupForm } from './invite-to-group-form';
import { useMyGroups } from './my-groups-context';

export function GroupMembersTab() {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const { group, reloadGroup } = useGroup();
  const myGroups = useMyGroups();
  const slug = instance.slug;
  const manage = group.can.manage;
  const members = useResource(() => listGroupMembers(slug, group.id), `group-members-${group.id}`);
  // Pending invitations too, so the invite list leaves those people out.
  const pending = useResource(
    () => (manage ? listGroupRequests(slug, group.id) : Promise.resolve({ items: [] })),
    `group-pending-${group.id}-${manage}`,
  );
  const change = useAction(async (perform: () => Promise<void>) => {
    await perform();
    members.reload();
    reloadGroup();
    myGroups.reload();
  });

  if (!group.can.read) return null;
  const list = members.resource.status === 'ready' ? members.resource.data.items : [];
  const excluded = new Set([
    ...list.map((member) => member.userId),
    ...(pending.resource.status === 'ready' ? pending.resource.data.items.map((r) => r.userId) : []),
  ]);

  return (
    <section className="card" aria-labelledby="group-members-title">
      <h2 id="group-members-title">{t('groupMembers.title')}</h2>
      <FormError error={change.error} />
      {members.resource.status === 'loading' && <Loading />}
      {members.resource.status === 'error' && <FormError error={members.resource.error} />}
      {members.resource.status === 'ready' && list.length === 0 && <p className="muted">{t('groupMembers.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="group-members-table">
            <thead>
              <tr>
                <th scope="col">{t('groupMembers.name')}</th>
                <th scope="col">{t('groupMembers.role')}</th>
                <th scope="col">{t('groupMembers.joined')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((member) => (
                <GroupMemberRow
                  key={member.userId}
                  member={member}
                  isSelf={member.userId === user?.id}
                  editable={manage && member.userId !== user?.id}
                  busy={change.pending}
                  onRoleChange={(role: GroupRole) =>
                    void change.run(() => setGroupRole(slug, group.id, member.userId, role))
                  }
                  onRemove={() => void change.run(() => removeGroupMember(slug, group.id, member.userId))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && !group.archived && <InviteToGroupForm excludedUserIds={excluded} onInvited={pending.reload} />}
    </section>
  );
}
