// One person in the directory: picture, name (a link to the profile), job
// title, department and location.
import { Link } from 'react-router';
import type { PersonSummary } from '../../api/people-types';
import { Avatar } from '../../components/avatar';
import { useInstance } from '../instance/instance-context';
import { personPath } from './person-link';

export function PersonCard({ person }: { person: PersonSummary }) {
  const { instance } = useInstance();
  const where = [person.department, person.location].filter(Boolean).join(' · ');
  return (
    <article className="card person-card" data-testid="person-card">
      <Avatar name={person.displayName} url={person.avatarUrl} size={48} />
      <div className="person-card-text">
        <Link className="person-card-name" to={personPath(instance.slug, person.userId)}>
          {person.displayName}
        </Link>
        {person.jobTitle && <span className="person-card-job">{person.jobTitle}</span>}
        {where && <span className="person-card-meta">{where}</span>}
      </div>
    </article>
  );
}
