// A person's name as a link to their profile in the current instance.
import { Link } from 'react-router';
import type { PersonRef } from '../../api/post-types';
import { useInstance } from '../instance/instance-context';

export function personPath(slug: string, userId: string): string {
  return `/i/${slug}/people/${userId}`;
}

export function PersonLink({ person, className }: { person: PersonRef; className?: string }) {
  const { instance } = useInstance();
  return (
    <Link to={personPath(instance.slug, person.id)} className={className}>
      {person.displayName}
    </Link>
  );
}
