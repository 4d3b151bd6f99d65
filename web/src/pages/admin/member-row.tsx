// One row of the members table. The owner's row and the viewer's own row are
// read-only (see canManageMember).
import type { AssignableRole, Member } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useRoleLabel } from '../../i18n/use-role-label';
import { isAssignableRole, useRoleOptions } from './use-role-options';

export interface MemberRowActions {
  changeRole: (member: Member, role: AssignableRole) => void;
  setStatus: (member: Member, status: Member['status']) => void;
  revokeSessions: (member: Member) => void;
  remove: (member: Member) => void;
}

interface MemberRowProps {
  member: Member;
  isSelf: boolean;
  editable: boolean;
  busy: boolean;
  actions: MemberRowActions;
}

export function MemberRow({ member, isSelf, editable, busy, actions }: MemberRowProps) {
  const t = useT();
  const { locale } = useLocale();
  const roleLabel = useRoleLabel();
  const roleOptions = useRoleOptions();
  const name = member.displayName;

  return (
    <tr data-status={member.status}>
      <th scope="row">
        {name}
        {isSelf && <span className="muted"> ({t('common.you')})</span>}
      </th>
      <td>{member.email}</td>
      <td>
        {editable ? (
          <select
            aria-label={t('members.roleOf', { name })}
            value={member.role}
            disabled={busy}
            onChange={(event) => {
              if (isAssignableRole(event.target.value)) actions.changeRole(member, event.target.value);
            }}
          >
            {roleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : (
          roleLabel(member.role)
        )}
      </td>
      <td>
        <span className={`badge badge-${member.status === 'active' ? 'success' : 'muted'}`}>
          {t(`memberStatus.${member.status}`)}
        </span>
      </td>
      <td className="cell-date">{formatDate(member.joinedAt, locale, 'date')}</td>
      <td className="cell-actions">
        {editable && (
          <>
            <button
              type="button"
              className="button button-quiet"
              aria-label={`${member.status === 'active' ? t('members.disable') : t('members.enable')} — ${name}`}
              disabled={busy}
              onClick={() =>
                actions.setStatus(member, member.status === 'active' ? 'disabled' : 'active')
              }
            >
              {member.status === 'active' ? t('members.disable') : t('members.enable')}
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-label={`${t('members.revokeSessions')} — ${name}`}
              disabled={busy}
              onClick={() => actions.revokeSessions(member)}
            >
              {t('members.revokeSessions')}
            </button>
            <ConfirmButton
              label={t('members.remove')}
              accessibleLabel={`${t('members.remove')} — ${name}`}
              disabled={busy}
              onConfirm={() => actions.remove(member)}
            />
          </>
        )}
      </td>
    </tr>
  );
}
