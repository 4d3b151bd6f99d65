// The search page's results of one kind, each a link to where it opens.
import { Link } from 'react-router';
import type { SearchAnswer, SearchKind } from '../../api/search-types';
import { GroupHitContent, PersonHitContent, TextHitContent } from './search-hit';
import { groupHitPath, personHitPath, textHitPath } from './search-links';

export function SearchResultsList({ slug, kind, answer }: { slug: string; kind: SearchKind; answer: SearchAnswer }) {
  const items =
    kind === 'people'
      ? answer.people.items.map((person) => ({ key: person.id, href: personHitPath(slug, person.id), content: <PersonHitContent person={person} /> }))
      : kind === 'groups'
        ? answer.groups.items.map((group) => ({ key: group.id, href: groupHitPath(slug, group.id), content: <GroupHitContent group={group} /> }))
        : answer[kind].items.map((hit) => ({ key: `${hit.kind}-${hit.id}`, href: textHitPath(slug, hit), content: <TextHitContent hit={hit} /> }));
  return (
    <ul className="search-results">
      {items.map((item) => (
        <li key={item.key} data-testid="search-result">
          <Link to={item.href} className="search-result">
            {item.content}
          </Link>
        </li>
      ))}
    </ul>
  );
}
