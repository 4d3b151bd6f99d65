// One group in the groups list: its name (a link to it), badges, a short
// description, the member count and the membership buttons.
import { Link } from 'react-router';
import type { Group } from '../../api/group-types';
import { useInstance } from '../instance/instance-context';
import { MemberCount } from './member-count';
import { MembershipActions } from './membership-actions';
import { GroupBadges } from './visibility-badge';

export function GroupCard({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { instance } = useInstance();
  return (
    <article className="card group-card" aria-labelledby={`group-${group.id}-name`} data-testid="group-card">
      <h2 className="group-card-title" id={`group-${group.id}-name`}>
        <Link to={`/i/${instance.slug}/groups/${group.id}`}>{group.name}</Link>
      </h2>
      <p className="group-card-meta">
        <GroupBadges group={group} />
        <MemberCount count={group.memberCount} />
      </p>
      {group.description && <p className="group-card-description">{group.description}</p>}
      <MembershipActions group={group} onChanged={onChanged} />
    </article>
  );
}
