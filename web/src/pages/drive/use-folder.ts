// A folder of a drive, read page by page: the drive and folder it is (for
// the breadcrumbs and what I may do), its items in the server's order
// (folders first, then by name), and local changes the server confirmed
// (a new folder, an upload, a rename) placed where the server would put them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { listFolder } from '../../api/drive';
import type { DriveItem, DriveRef, FolderPage } from '../../api/drive-types';

export interface FolderState {
  status: 'loading' | 'ready' | 'error';
  /** The drive and folder of the page shown (null until loaded). */
  meta: Pick<FolderPage, 'drive' | 'folder'> | null;
  items: DriveItem[];
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Adds or replaces an item of this folder; drops it when it now lives elsewhere. */
  upsert: (item: DriveItem) => void;
  remove: (id: string) => void;
}

/** Folders first, then by name ignoring case, as the server sorts. */
export function compareItems(a: DriveItem, b: DriveItem): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  const byName = a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;
  return byName || (a.id < b.id ? -1 : 1);
}

export function useFolder(slug: string, drive: DriveRef, folderId: string | null): FolderState {
  const key = `${slug}/${drive}/${folderId ?? ''}`;
  const [state, setState] = useState<{ key: string; status: FolderState['status']; meta: FolderState['meta']; items: DriveItem[]; error: unknown; cursor: string | null }>(
    { key, status: 'loading', meta: null, items: [], error: null, cursor: null },
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const request = useRef(0);

  if (state.key !== key) setState({ key, status: 'loading', meta: null, items: [], error: null, cursor: null });

  useEffect(() => {
    const mine = ++request.current;
    listFolder(slug, drive, folderId).then(
      (page) => {
        if (mine !== request.current) return;
        setState({ key, status: 'ready', meta: { drive: page.drive, folder: page.folder }, items: page.items, error: null, cursor: page.nextCursor });
      },
      (error: unknown) => {
        if (mine !== request.current) return;
        setState((current) => ({ ...current, key, status: 'error', error }));
      },
    );
  }, [slug, drive, folderId, key, generation]);

  const loadMore = useCallback(() => {
    if (!state.cursor || loadingMore) return;
    const mine = request.current;
    setLoadingMore(true);
    listFolder(slug, drive, folderId, state.cursor)
      .then((page) => {
        if (mine !== request.current) return;
        setState((current) => {
          const seen = new Set(current.items.map((item) => item.id));
          return { ...current, items: [...current.items, ...page.items.filter((item) => !seen.has(item.id))], cursor: page.nextCursor, error: null };
        });
      })
      .catch((error: unknown) => {
        if (mine === request.current) setState((current) => ({ ...current, error }));
      })
      .finally(() => setLoadingMore(false));
  }, [slug, drive, folderId, state.cursor, loadingMore]);

  const upsert = useCallback((item: DriveItem) => {
    setState((current) => {
      const others = current.items.filter((other) => other.id !== item.id);
      const here = item.drive === drive && item.parentId === folderId && !item.trashedAt;
      if (!here) return { ...current, items: others };
      // Past the last loaded item of an unfinished list, it will come with its page.
      const last = others.at(-1);
      if (current.cursor && last && compareItems(item, last) > 0) return { ...current, items: others };
      return { ...current, items: [...others, item].sort(compareItems) };
    });
  }, [drive, folderId]);

  const remove = useCallback((id: string) => {
    setState((current) => ({ ...current, items: current.items.filter((item) => item.id !== id) }));
  }, []);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const current = state.key === key ? state : { ...state, status: 'loading' as const, meta: null, items: [], cursor: null };
  return {
    status: current.status,
    meta: current.meta,
    items: current.items,
    error: current.error,
    hasMore: current.cursor !== null,
    loadingMore,
    loadMore,
    reload,
    upsert,
    remove,
  };
}
