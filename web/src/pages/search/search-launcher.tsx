// The header's search button and the Ctrl+K / ⌘K shortcut, anywhere in an
// instance: both open the quick-search palette.
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { Icon } from '../../components/icon';
import { useT } from '../../i18n/i18n-context';
import { SearchPalette } from './search-palette';

export function SearchLauncher() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const location = useLocation();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Going elsewhere (back, a link) closes it.
  const [seenPath, setSeenPath] = useState(location.key);
  if (seenPath !== location.key) {
    setSeenPath(location.key);
    if (open) setOpen(false);
  }

  return (
    <>
      <button
        type="button"
        className="button button-quiet search-launcher"
        aria-keyshortcuts="Control+K Meta+K"
        title={t('search.shortcutHint')}
        onClick={() => setOpen(true)}
      >
        <Icon name="search" />
        <span className="search-launcher-text">{t('search.open')}</span>
        <kbd className="search-launcher-key" aria-hidden="true">
          Ctrl K
        </kbd>
      </button>
      <SearchPalette open={open} onClose={() => setOpen(false)} />
    </>
  );
}
