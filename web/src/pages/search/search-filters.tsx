// The filters of the search page, those that apply to the chosen kind: days
// from and to, the author, the group (posts and files), "has an attachment"
// (posts and messages). A conversation filter only comes from the address
// (the chat's own search links), and can be dropped here. On a narrow
// screen they start folded, unless some are set.
import { useId, useState } from 'react';
import type { SearchFilter } from '../../api/search-types';
import { useT } from '../../i18n/i18n-context';
import { useMyGroups } from '../groups/my-groups-context';
import { AuthorPicker } from './author-picker';
import { filtersOf, hasFilters } from './search-url';

interface SearchFiltersProps {
  slug: string;
  filter: SearchFilter;
  /** Applied to the filters as the address holds them when the change is made, not as this render shows them. */
  onChange: (update: (current: SearchFilter) => SearchFilter) => void;
}

export function SearchFilters({ slug, filter, onChange }: SearchFiltersProps) {
  const t = useT();
  const ids = useId();
  const { groups } = useMyGroups();
  const applies = filtersOf(filter.kind);
  // A change is merged into the filters of the moment: a date set while the previous one is still being
  // rendered (the router renders a navigation as a transition) must keep it.
  const set = (change: Partial<SearchFilter>) => onChange((current) => ({ ...current, ...change }));
  const [open, setOpen] = useState(() => hasFilters(filter) || !window.matchMedia('(max-width: 760px)').matches);

  if (!applies.dates) return <p className="muted search-filters-none">{t('search.filtersNotApplicable')}</p>;

  return (
    <details className="search-filters-fold" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('search.filters')}</summary>
      <fieldset className="search-filters">
        <legend className="visually-hidden">{t('search.filters')}</legend>
        <div className="field">
          <label htmlFor={`${ids}-from`}>{t('search.from')}</label>
          <input id={`${ids}-from`} type="date" value={filter.from ?? ''} max={filter.to} onChange={(event) => set({ from: event.target.value || undefined })} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>{t('search.to')}</label>
          <input id={`${ids}-to`} type="date" value={filter.to ?? ''} min={filter.from} onChange={(event) => set({ to: event.target.value || undefined })} />
        </div>
        {applies.author && <AuthorPicker slug={slug} authorId={filter.authorId} onChange={(authorId) => set({ authorId })} />}
        {applies.group && (
          <div className="field">
            <label htmlFor={`${ids}-group`}>{t('search.group')}</label>
            <select id={`${ids}-group`} value={filter.groupId ?? ''} onChange={(event) => set({ groupId: event.target.value || undefined })}>
              <option value="">{t('search.anyGroup')}</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {applies.hasAttachment && (
          <label className="search-check">
            <input type="checkbox" checked={filter.hasAttachment ?? false} onChange={(event) => set({ hasAttachment: event.target.checked || undefined })} />
            {t('search.hasAttachment')}
          </label>
        )}
        {filter.conversationId && (
          <p className="search-conversation-filter">
            {t('search.inConversation')}{' '}
            <button type="button" className="button button-quiet" onClick={() => set({ conversationId: undefined })}>
              {t('search.allConversations')}
            </button>
          </p>
        )}
        {hasFilters(filter) && (
          <button
            type="button"
            className="button button-secondary search-clear"
            onClick={() => onChange((current) => ({ kind: current.kind }))}
          >
            {t('search.clearFilters')}
          </button>
        )}
      </fieldset>
    </details>
  );
}
