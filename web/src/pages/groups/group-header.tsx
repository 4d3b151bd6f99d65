// The top of a group's page: name, badges, description, member count, the
// membership buttons and, for members, the way to the group's chat room.
import type { Group } from '../../api/group-types';
import { OpenGroupChatButton } from '../chat/open-group-chat-button';
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
      <div className="group-header-actions">
        <OpenGroupChatButton group={group} />
        <MembershipActions group={group} onChanged={onChanged} />
      </div>
    </header>
  );
}
