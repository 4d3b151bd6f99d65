// What a profile says beyond its header: the "about" text, the email address
// and role, and the custom fields that have a value, under their labels.
import { Fragment } from 'react';
import type { Profile, ProfileField } from '../../api/people-types';
import { formatCalendarDate } from '../../i18n/format-date';
import { useLocale, useT } from '../../i18n/i18n-context';
import { useRoleLabel } from '../../i18n/use-role-label';

export function ProfileDetails({ profile, fields }: { profile: Profile; fields: ProfileField[] }) {
  const t = useT();
  const { locale } = useLocale();
  const roleLabel = useRoleLabel();
  const filled = fields.filter((field) => profile.fields[field.id]);
  const show = (field: ProfileField, value: string) =>
    field.type === 'date' ? formatCalendarDate(value, locale) : value;

  return (
    <section className="card" aria-labelledby="profile-details-title" data-testid="profile-details">
      <h2 id="profile-details-title">{t('person.details')}</h2>
      {profile.about && (
        <>
          <h3>{t('person.about')}</h3>
          <p className="profile-about">{profile.about}</p>
        </>
      )}
      <dl className="profile-details">
        <dt>{t('person.email')}</dt>
        <dd>
          <a href={`mailto:${profile.email}`}>{profile.email}</a>
        </dd>
        <dt>{t('person.role')}</dt>
        <dd>{roleLabel(profile.role)}</dd>
        {filled.map((field) => (
          <Fragment key={field.id}>
            <dt>{field.label}</dt>
            <dd>{show(field, profile.fields[field.id] ?? '')}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
