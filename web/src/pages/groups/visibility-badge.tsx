// The small label that says whether a group is open, private or secret, and
// whether it is archived.
import type { Group } from '../../api/group-types';
import { useT } from '../../i18n/i18n-context';

export function GroupBadges({ group }: { group: Group }) {
  const t = useT();
  return (
    <>
      <span className={`badge badge-visibility badge-${group.visibility}`}>
        {t(`visibility.${group.visibility}`)}
      </span>
      {group.archived && <span className="badge badge-warning">{t('groups.archivedBadge')}</span>}
      {group.myRole === 'admin' && <span className="badge badge-role">{t('groupRole.admin')}</span>}
    </>
  );
}
