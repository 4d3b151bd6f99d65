// The top of a group's page: name, badges, description, member count and
// the membership buttons.
import type { Group } from '../../api/group-types';
import { MemberCount } from './member-count';
import { MembershipActions } from './membership-actions';
import { GroupBadges } from './visibility-badge';

export function GroupHeader({ group, onChanged }: { group: Group; onChanged: () => void }) {
  return (
    <header className="group-header">
      <div className="group-header-main">
        <h1>{group.name}</h1>
        <p className="group-card-meta">
          <GroupBadges group={group} />
          <MemberCount count={group.memberCount} />
        </p>
        {group.description && <p className="group-description">{group.description}</p>}
      </div>
      <MembershipActions group={group} onChanged={onChanged} />
    </header>
  );
}
