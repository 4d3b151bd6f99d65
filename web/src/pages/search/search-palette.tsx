// The quick-search palette: a modal with one combobox. Results come as one
// types, grouped by kind; ↑/↓ move through all of them (the input keeps the
// focus, aria-activedescendant names the active one), Enter opens, Escape
// closes (the native <dialog> returns focus to what opened it).
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Icon } from '../../components/icon';
import { useT } from '../../i18n/i18n-context';
import { problemMessage } from '../../i18n/problem-message';
import { useInstance } from '../instance/instance-context';
import { paletteSections, seeAllOption, type PaletteOption } from './palette-options';
import { GroupHitContent, PersonHitContent, TextHitContent } from './search-hit';
import { useLiveSearch } from './use-live-search';

export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { instance } = useInstance();
  const slug = instance.slug;
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = useId();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const live = useLiveSearch(slug, q, open);
  const answer = live.status === 'ready' ? live.answer : live.status === 'loading' ? live.previous : null;

  const sections = useMemo(() => (answer ? paletteSections(slug, answer) : []), [answer, slug]);
  const options = useMemo(() => {
    const all = sections.flatMap((section) => section.options);
    return q.trim() ? [...all, seeAllOption(slug, q)] : all;
  }, [sections, q, slug]);
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (index: number) => `${ids}-option-${index}`;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      input.current?.select();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // New results: start again from the first one.
  useEffect(() => setActive(0), [answer]);

  // Enter pressed before the answer for what was typed has come opens that answer's first result once it
  // comes: the results shown meanwhile are the previous text's.
  const enterWhenReady = useRef(false);
  useEffect(() => {
    if (live.status === 'loading' || !enterWhenReady.current) return;
    enterWhenReady.current = false;
    if (live.status === 'ready') choose(options[0]);
  });

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  function choose(option: PaletteOption | undefined) {
    if (!option) return;
    onClose();
    navigate(option.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (live.status === 'loading') enterWhenReady.current = true;
      else choose(options[activeIndex]);
    }
  }

  const renderOption = (option: PaletteOption) => {
    const mine = options.indexOf(option);
    return (
      <div
        key={option.key}
        id={optionId(mine)}
        role="option"
        aria-selected={mine === activeIndex}
        className={option.type === 'all' ? 'search-option search-option-all' : 'search-option'}
        onMouseMove={() => setActive(mine)}
        onClick={() => choose(option)}
      >
        {option.type === 'text' && <TextHitContent hit={option.hit} />}
        {option.type === 'person' && <PersonHitContent person={option.person} />}
        {option.type === 'group' && <GroupHitContent group={option.group} />}
        {option.type === 'all' && (
          <>
            <Icon name="search" />
            <span className="search-hit-body">{t('search.seeAll', { q: q.trim() })}</span>
          </>
        )}
      </div>
    );
  };

  const searched = live.status === 'ready' ? live.q.trim() : null;
  let status = t('search.typeToSearch');
  if (live.status === 'loading') status = t('search.searching');
  if (live.status === 'error') status = problemMessage(live.error, t);
  if (searched && sections.length === 0) status = t('search.noResults', { q: searched });
  const showStatus = live.status !== 'ready' || sections.length === 0;

  return (
    // A click on the backdrop lands on the <dialog> itself: it closes, as Escape does.
    <dialog
      ref={ref}
      className="modal search-palette"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && onClose()}
    >
      <h2 id={`${ids}-title`} className="visually-hidden">
        {t('search.paletteTitle')}
      </h2>
      <div className="search-palette-bar">
        <Icon name="search" />
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={t('search.inputLabel')}
          aria-expanded={options.length > 0}
          aria-controls={`${ids}-listbox`}
          aria-autocomplete="list"
          aria-activedescendant={options.length > 0 ? optionId(activeIndex) : undefined}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          value={q}
          onChange={(event) => {
            enterWhenReady.current = false;
            setQ(event.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <p className={showStatus ? 'search-palette-status' : 'visually-hidden'} role="status">
        {showStatus ? status : ''}
      </p>
      <div id={`${ids}-listbox`} role="listbox" aria-label={t('search.resultsLabel')} className="search-palette-results">
        {sections.map((section) => (
          <div key={section.kind} role="group" aria-labelledby={`${ids}-${section.kind}`} className="search-palette-section">
            <div id={`${ids}-${section.kind}`} className="search-palette-heading" role="presentation">
              {t(section.titleKey)}
            </div>
            {section.options.map(renderOption)}
          </div>
        ))}
        {options.filter((option) => option.type === 'all').map(renderOption)}
      </div>
      <p className="search-palette-hint" aria-hidden="true">
        {t('search.keyboardHint')}
      </p>
    </dialog>
  );
}
