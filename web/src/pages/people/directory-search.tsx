// The search form of the directory: free text, and filters on the
// department, the location and the job title. Filter fields suggest the
// values of the people listed.
import { useId } from 'react';
import type { DirectoryFilter, PersonSummary } from '../../api/people-types';
import { TextField } from '../../components/text-field';
import { useT } from '../../i18n/i18n-context';

export const EMPTY_FILTER: DirectoryFilter = { q: '', department: '', location: '', jobTitle: '' };
const FILTERS = ['department', 'location', 'jobTitle'] as const;

interface DirectorySearchProps {
  value: DirectoryFilter;
  onChange: (value: DirectoryFilter) => void;
  /** The people shown, whose values the filter fields suggest. */
  people: readonly PersonSummary[];
}

export function DirectorySearch({ value, onChange, people }: DirectorySearchProps) {
  const t = useT();
  const id = useId();
  const set = (changes: Partial<DirectoryFilter>) => onChange({ ...value, ...changes });
  const hintId = `${id}-filters-hint`;

  return (
    <form className="card directory-search" role="search" aria-label={t('people.searchLabel')} onSubmit={(event) => event.preventDefault()}>
      <TextField
        label={t('people.search')}
        type="search"
        hint={t('people.searchHint')}
        maxLength={100}
        autoComplete="off"
        value={value.q}
        onChange={(q) => set({ q })}
      />
      <fieldset className="directory-filters" aria-describedby={hintId}>
        <legend>{t('people.filters')}</legend>
        <div className="directory-filter-fields">
          {FILTERS.map((filter) => (
            <div key={filter}>
              <TextField
                label={t(`people.${filter}`)}
                maxLength={100}
                autoComplete="off"
                list={`${id}-${filter}`}
                value={value[filter]}
                onChange={(text) => set({ [filter]: text })}
              />
              <datalist id={`${id}-${filter}`}>
                {[...new Set(people.map((person) => person[filter]).filter(Boolean))].map((known) => (
                  <option key={known} value={known} />
                ))}
              </datalist>
            </div>
          ))}
        </div>
        <p className="field-hint" id={hintId}>
          {t('people.filterHint')}
        </p>
      </fieldset>
      {Object.values(value).some(Boolean) && (
        <button type="button" className="button button-quiet" onClick={() => onChange(EMPTY_FILTER)}>
          {t('people.clear')}
        </button>
      )}
    </form>
  );
}
