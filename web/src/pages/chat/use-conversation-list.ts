// The list of my conversations: loaded page by page, then changed in place
// by live events and by what the server answers to my own actions.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { fetchConversation, listConversations } from '../../api/chat';
import type { Conversation } from '../../api/chat-types';
import { ApiError } from '../../api/problem';
import { sortConversations } from './conversation-updates';

interface ListState {
  items: Conversation[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  nextCursor: string | null;
  loadingMore: boolean;
}

type ListAction =
  | { type: 'loaded'; items: Conversation[]; nextCursor: string | null; append: boolean }
  | { type: 'failed'; error: unknown }
  | { type: 'loadingMore' }
  | { type: 'upsert'; conversation: Conversation }
  | { type: 'change'; id: string; change: (conversation: Conversation) => Conversation }
  | { type: 'remove'; id: string };

const INITIAL: ListState = { items: [], status: 'loading', error: null, nextCursor: null, loadingMore: false };

function reduce(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'loaded': {
      const fresh = new Set(action.items.map((item) => item.id));
      // A first page that is the whole list replaces what we had; a partial one
      // keeps the conversations known from further down (e.g. the one on screen).
      const keep = action.append || action.nextCursor !== null;
      const kept = keep ? state.items.filter((item) => !fresh.has(item.id)) : [];
      const merged = [...kept, ...action.items];
      return { ...state, items: sortConversations(merged), status: 'ready', error: null, nextCursor: action.nextCursor, loadingMore: false };
    }
    case 'failed':
      return { ...state, status: state.status === 'ready' ? 'ready' : 'error', error: action.error, loadingMore: false };
    case 'loadingMore':
      return { ...state, loadingMore: true };
    case 'upsert':
      return { ...state, items: sortConversations([action.conversation, ...state.items.filter((item) => item.id !== action.conversation.id)]) };
    case 'change': {
      const items = state.items.map((item) => (item.id === action.id ? action.change(item) : item));
      return { ...state, items: sortConversations(items) };
    }
    case 'remove':
      return { ...state, items: state.items.filter((item) => item.id !== action.id) };
  }
}

export function useConversationList(slug: string) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const request = ++generation.current;
    listConversations(slug).then(
      (page) => {
        if (request === generation.current) dispatch({ type: 'loaded', items: page.items, nextCursor: page.nextCursor, append: false });
      },
      (error: unknown) => {
        if (request === generation.current) dispatch({ type: 'failed', error });
      },
    );
  }, [slug]);

  useEffect(reload, [reload]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    const request = generation.current;
    dispatch({ type: 'loadingMore' });
    listConversations(slug, nextCursor).then(
      (page) => {
        if (request === generation.current) dispatch({ type: 'loaded', items: page.items, nextCursor: page.nextCursor, append: true });
      },
      (error: unknown) => dispatch({ type: 'failed', error }),
    );
  }, [slug, nextCursor, loadingMore]);

  const upsert = useCallback((conversation: Conversation) => dispatch({ type: 'upsert', conversation }), []);
  const remove = useCallback((id: string) => dispatch({ type: 'remove', id }), []);
  const change = useCallback(
    (id: string, update: (conversation: Conversation) => Conversation) => dispatch({ type: 'change', id, change: update }),
    [],
  );
  /** Reads one conversation again (it changed, or its stream was reset); gone means removed. */
  const refetch = useCallback(
    (id: string) => {
      fetchConversation(slug, id).then(upsert, (error: unknown) => {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) remove(id);
      });
    },
    [slug, upsert, remove],
  );

  return { ...state, hasMore: nextCursor !== null, reload, loadMore, upsert, remove, change, refetch };
}
