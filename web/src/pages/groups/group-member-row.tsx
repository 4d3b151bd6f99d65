// One row of a group's members table; editable rows offer the role and removal.
import type { GroupMember, GroupRole } from '../../api/group-types';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { PersonLink } from '../people/person-link';

const GROUP_ROLES: readonly GroupRole[] = ['admin', 'member'];

interface GroupMemberRowProps {
  member: GroupMember;
  isSelf: boolean;
  editable: boolean;
  busy: boolean;
  onRoleChange: (role: GroupRole) => void;
  onRemove: () => void;
}

export function GroupMemberRow({ member, isSelf, editable, busy, onRoleChange, onRemove }: GroupMemberRowProps) {
  const t = useT();
  const { locale } = useLocale();
  const name = member.displayName;
  return (
    <tr>
      <th scope="row">
        <PersonLink person={{ id: member.userId, displayName: name }} />
        {isSelf && <span className="muted"> ({t('common.you')})</span>}
      </th>
      <td>
        {editable ? (
          <select
            aria-label={t('groupMembers.roleOf', { name })}
            value={member.role}
            disabled={busy}
            onChange={(event) => {
              const role = GROUP_ROLES.find((each) => each === event.target.value);
              if (role) onRoleChange(role);
            }}
          >
            {GROUP_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`groupRole.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`groupRole.${member.role}`)
        )}
      </td>
      <td className="cell-date">{formatDate(member.joinedAt, locale, 'date')}</td>
      <td className="cell-actions">
        {editable && (
          <ConfirmButton
            label={t('groupMembers.remove')}
            accessibleLabel={t('groupMembers.removeLabel', { name })}
            disabled={busy}
            onConfirm={onRemove}
          />
        )}
      </td>
    </tr>
  );
}
