// The top of a profile: picture, name, job title, department and location,
// and what the viewer can do (follow, edit).
import type { Profile } from '../../api/people-types';
import { Avatar } from '../../components/avatar';
import { useT } from '../../i18n/i18n-context';
import { canFollowPerson } from '../../policies/people-policies';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { FollowButton } from './follow-button';

interface ProfileHeaderProps {
  profile: Profile;
  editing: boolean;
  onEdit: () => void;
}

export function ProfileHeader({ profile, editing, onEdit }: ProfileHeaderProps) {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const name = profile.displayName;
  const where = [profile.department, profile.location].filter(Boolean).join(' · ');

  return (
    <section className="card profile-header" aria-labelledby="profile-name">
      <Avatar name={name} url={profile.avatarUrl} size={96} alt={t('people.avatarOf', { name })} />
      <div className="profile-header-main">
        <h1 id="profile-name">{name}</h1>
        {profile.jobTitle && <p className="profile-job">{profile.jobTitle}</p>}
        {where && <p className="profile-meta">{where}</p>}
      </div>
      <div className="profile-actions">
        {user && canFollowPerson(instance.role, user.id, profile.userId) && (
          <FollowButton key={profile.userId} profile={profile} />
        )}
        {profile.canEdit && !editing && (
          <button type="button" className="button button-secondary" onClick={onEdit}>
            {t('person.edit')}
          </button>
        )}
      </div>
    </section>
  );
}
