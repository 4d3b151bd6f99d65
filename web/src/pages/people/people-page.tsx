// /i/:slug/people: the directory of the instance's members. What is typed is
// sent once typing pauses, and kept in the address (?q=&department=…) so a
// search can be shared or come back to.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { searchPeople } from '../../api/people';
import type { DirectoryFilter } from '../../api/people-types';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import { usePagedList } from '../../hooks/use-paged-list';
import { useT } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useInstance } from '../instance/instance-context';
import { DirectorySearch, EMPTY_FILTER } from './directory-search';
import { PersonCard } from './person-card';
import { personPath } from './person-link';

const SEARCH_DELAY_MS = 300;

function readFilter(params: URLSearchParams): DirectoryFilter {
  const filter = { ...EMPTY_FILTER };
  for (const key of Object.keys(filter) as (keyof DirectoryFilter)[]) filter[key] = params.get(key) ?? '';
  return filter;
}

function toParams(filter: DirectoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value.trim()) params.set(key, value.trim());
  return params;
}

export function PeoplePage() {
  const t = useT();
  const { instance } = useInstance();
  const { user } = useSession();
  const slug = instance.slug;
  const [params, setParams] = useSearchParams();
  const applied = readFilter(params);
  const appliedKey = toParams(applied).toString();
  const [draft, setDraft] = useState<DirectoryFilter>(applied);
  const [seenKey, setSeenKey] = useState(appliedKey);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const list = usePagedList(
    (cursor) =>
      searchPeople(slug, applied, { cursor }).then((page) => ({
        items: page.items.map((person) => ({ ...person, id: person.userId })),
        nextCursor: page.nextCursor,
      })),
    `people-${slug}-${appliedKey}`,
  );

  // The address changed under the form (a link, back or forward): show what it says.
  if (seenKey !== appliedKey) {
    setSeenKey(appliedKey);
    if (toParams(draft).toString() !== appliedKey) setDraft(applied);
  }

  function change(next: DirectoryFilter) {
    setDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setParams(toParams(next), { replace: true }), SEARCH_DELAY_MS);
  }

  return (
    <div className="page">
      <div className="page-heading">
        <h1>{t('people.title')}</h1>
        {user && (
          <Link className="button button-secondary" to={personPath(slug, user.id)}>
            {t('people.myProfile')}
          </Link>
        )}
      </div>
      <DirectorySearch value={draft} onChange={change} people={list.items} />
      <section aria-label={t('people.results')} aria-busy={list.status === 'loading' || undefined}>
        {list.status === 'loading' && <Loading />}
        {list.status === 'ready' && list.items.length === 0 && <p className="muted empty-list">{t('people.empty')}</p>}
        {list.items.length > 0 && (
          <ul className="people-grid">
            {list.items.map((person) => (
              <li key={person.userId}>
                <PersonCard person={person} />
              </li>
            ))}
          </ul>
        )}
        <FormError error={list.error} />
        <div className="people-more">
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoadMore={list.loadMore} />
        </div>
      </section>
    </div>
  );
}
