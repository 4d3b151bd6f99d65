// Follow or unfollow a person: their posts on their profile then appear in
// (or leave) the home feed.
import { useState } from 'react';
import { setFollowing } from '../../api/posts';
import type { Profile } from '../../api/people-types';
import { FormError } from '../../components/form-error';
import { useAction } from '../../hooks/use-action';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';

export function FollowButton({ profile }: { profile: Profile }) {
  const t = useT();
  const { instance } = useInstance();
  const [following, setFollowingState] = useState(profile.following);
  const action = useAction(async (next: boolean) => {
    await setFollowing(instance.slug, profile.userId, next);
    setFollowingState(next);
    return next;
  });
  const name = profile.displayName;

  return (
    <div className="follow">
      <button
        type="button"
        className={following ? 'button button-secondary' : 'button button-primary'}
        disabled={action.pending}
        onClick={() => void action.run(!following)}
      >
        {following ? t('person.unfollow') : t('person.follow')}
      </button>
      <p className="follow-note" role="status">
        {following && t('person.followingNote', { name })}
      </p>
      <FormError error={action.error} />
    </div>
  );
}
