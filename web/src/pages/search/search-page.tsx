// /i/:slug/search?q=…&kind=…: the full search. The query box, the kinds as
// tabs, the filters that apply, and the results: five of each kind under
// "All", pages of one kind ("Load more") under its tab. Everything is kept
// in the address; what is typed goes there once typing pauses.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_KINDS, type SearchKind } from '../../api/search-types';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { Loading } from '../../components/loading';
import { TabLinks } from '../../components/tab-links';
import { useT } from '../../i18n/i18n-context';
import { useInstance } from '../instance/instance-context';
import { SearchFilters } from './search-filters';
import { SearchResultsList } from './search-results-list';
import { filtersOf, readSearchLocation, searchLocationParams, type SearchLocation } from './search-url';
import { useSearchResults } from './use-search-results';

const TYPING_PAUSE_MS = 300;

export function SearchPage() {
  const t = useT();
  const ids = useId();
  const { instance } = useInstance();
  const slug = instance.slug;
  const [params, setParams] = useSearchParams();
  const applied = readSearchLocation(params);
  const { q, filter } = applied;
  const results = useSearchResults(slug, q, filter);
  const [draft, setDraft] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // The address changed under the box (a link, back, the palette): show what it says.
  if (seenQ !== q) {
    setSeenQ(q);
    if (draft !== q) setDraft(q);
  }

  const go = (next: SearchLocation, replace = true) => setParams(searchLocationParams(next), { replace });
  // People and groups take no filter: their tabs leave the filters behind rather than find nothing.
  const tabHref = (kind: SearchKind | undefined) =>
    `?${searchLocationParams({ q, filter: filtersOf(kind).dates ? { ...filter, kind } : { kind } }).toString()}`;

  // The search as the address says at this moment. The router renders a navigation as a transition: a tab
  // clicked just before typing may be in the address and not yet in this render, and typing must keep it
  // (as a filter set just after typing must keep the words, and a filter set just after another must keep it).
  const addressNow = () => readSearchLocation(new URLSearchParams(window.location.search));

  function type(value: string) {
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => go({ q: value, filter: addressNow().filter }), TYPING_PAUSE_MS);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    clearTimeout(timer.current);
    go({ q: draft, filter: addressNow().filter }, false);
  }

  const answer = results.answer;
  const kinds = filter.kind ? [filter.kind] : SEARCH_KINDS;
  const shown = answer ? kinds.filter((kind) => answer[kind].items.length > 0) : [];

  return (
    <div className="page search-page">
      <h1>{t('search.title')}</h1>
      <form role="search" className="search-page-form" onSubmit={submit}>
        <label htmlFor={`${ids}-q`} className="visually-hidden">
          {t('search.inputLabel')}
        </label>
        <input id={`${ids}-q`} type="search" value={draft} placeholder={t('search.placeholder')} autoComplete="off" onChange={(event) => type(event.target.value)} />
        <button type="submit" className="button button-primary">
          {t('search.submit')}
        </button>
      </form>
      <TabLinks
        label={t('search.kindsLabel')}
        tabs={[undefined, ...SEARCH_KINDS].map((kind) => ({
          to: tabHref(kind),
          label: t(kind ? `search.kind.${kind}` : 'search.kind.all'),
          current: filter.kind === kind,
        }))}
      />
      <SearchFilters
        slug={slug}
        filter={filter}
        onChange={(update) => {
          const now = addressNow();
          go({ q: now.q, filter: update(now.filter) });
        }}
      />

      <section className="search-page-results" aria-label={t('search.resultsLabel')} aria-busy={results.status === 'loading' || undefined}>
        {results.status === 'idle' && (
          <div className="search-intro">
            <p>{t('search.intro')}</p>
            <p className="muted">{t('search.hints')}</p>
          </div>
        )}
        {results.status === 'loading' && <Loading />}
        {results.status === 'error' && (
          <>
            <FormError error={results.error} />
            <button type="button" className="button button-secondary" onClick={results.reload}>
              {t('common.retry')}
            </button>
          </>
        )}
        {results.status === 'ready' && shown.length === 0 && (
          <div className="search-empty" role="status">
            <h2>{t('search.noResults', { q: q.trim() })}</h2>
            <p>{t('search.emptyHint')}</p>
            <p className="muted">{t('search.hints')}</p>
          </div>
        )}
        {results.status === 'ready' && answer && !filter.kind &&
          shown.map((kind) => (
            <section key={kind} className="search-section" aria-labelledby={`${ids}-${kind}`}>
              <h2 id={`${ids}-${kind}`}>{t(`search.section.${kind}`)}</h2>
              <SearchResultsList slug={slug} kind={kind} answer={answer} />
              {answer[kind].hasMore && (
                <Link className="search-see-all" to={tabHref(kind)}>
                  {t('search.seeAllOfKind', { kind: t(`search.kind.${kind}`).toLowerCase() })}
                </Link>
              )}
            </section>
          ))}
        {results.status === 'ready' && answer && filter.kind && shown.length > 0 && (
          <>
            <SearchResultsList slug={slug} kind={filter.kind} answer={answer} />
            {results.error !== null && <FormError error={results.error} />}
            <div className="search-more">
              <LoadMore hasMore={answer[filter.kind].hasMore} loading={results.loadingMore} onLoadMore={results.loadMore} />
            </div>
          </>
        )}
      </section>
    </div>
  );
}
