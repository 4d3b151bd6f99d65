// /i/:slug/people/:userId: a person's profile (picture, job, department,
// location, about, custom fields, email and role), the follow button, the
// edit form for those who may, and the person's posts I can read.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { listPersonPosts } from '../../api/posts';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { Loading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { PostFeed } from '../feed/post-feed';
import { useInstance } from '../instance/instance-context';
import { AvatarEditor } from './avatar-editor';
import { MissingFieldsPrompt } from './missing-fields-prompt';
import { ProfileDetails } from './profile-details';
import { ProfileEditForm } from './profile-edit-form';
import { ProfileHeader } from './profile-header';
import { usePerson } from './use-person';

export function PersonPage() {
  const { userId = '' } = useParams();
  // Another person is another page: no edit form or draft carries over.
  return <PersonProfile key={userId} userId={userId} />;
}

function PersonProfile({ userId }: { userId: string }) {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const slug = instance.slug;
  const { resource, reload, update } = usePerson(slug, userId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const posts = usePagedList((cursor) => listPersonPosts(slug, userId, cursor), `person-posts-${slug}-${userId}`);
  const directory = `/i/${slug}/people`;

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') {
    if (resource.error instanceof ApiError && resource.error.status === 404) {
      return (
        <EmptyState
          icon="people"
          title={t('person.notFoundTitle')}
          action={<Link className="button button-secondary" to={directory}>{t('person.backToPeople')}</Link>}
        >
          <p>{t('person.notFoundBody')}</p>
        </EmptyState>
      );
    }
    return <FormError error={resource.error} />;
  }

  const { profile, fields } = resource.data;
  const isMe = user?.id === profile.userId;
  const edit = () => {
    setSaved(false);
    setEditing(true);
  };

  return (
    <div className="page page-profile">
      <p>
        <Link to={directory}>← {t('person.backToPeople')}</Link>
      </p>
      <ProfileHeader profile={profile} editing={editing} onEdit={edit} />
      <Notice>{saved && t('person.saved')}</Notice>
      {isMe && <MissingFieldsPrompt profile={profile} fields={fields} onFillIn={editing ? undefined : edit} />}
      {editing && profile.canEdit && (
        <section className="card" aria-labelledby="profile-edit-title">
          <h2 id="profile-edit-title">{t('person.editTitle')}</h2>
          <AvatarEditor profile={profile} onChanged={reload} />
          <hr className="divider" />
          <ProfileEditForm
            profile={profile}
            fields={fields}
            onCancel={() => setEditing(false)}
            onSaved={(next) => {
              update((data) => ({ ...data, profile: next }));
              setEditing(false);
              setSaved(true);
            }}
          />
        </section>
      )}
      <ProfileDetails profile={profile} fields={fields} />
      <h2 className="section-title">{t('person.posts')}</h2>
      <PostFeed list={posts} label={t('person.posts')} emptyMessage={t('person.postsEmpty')} />
    </div>
  );
}
