// The instance's members as the admin page knows them: pages loaded so far
// (50 at a time, by cursor), kept in step with the changes made on the page.
import { useCallback, useEffect, useState } from 'react';
import { listMembers } from '../../api/members';
import type { Member } from '../../api/types';

export interface MemberList {
  members: Member[];
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** Reloads from the first page, e.g. after an ownership transfer. */
  reload: () => void;
  replaceMember: (member: Member) => void;
  addMember: (member: Member) => void;
  forgetMember: (userId: string) => void;
}

export function useMemberList(slug: string): MemberList {
  const [members, setMembers] = useState<Member[]>([]);
  const [status, setStatus] = useState<MemberList['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    listMembers(slug, null).then(
      (page) => {
        if (!current) return;
        setMembers(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setStatus('error');
      },
    );
    return () => {
      current = false;
    };
  }, [slug, generation]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    setLoadingMore(true);
    listMembers(slug, nextCursor)
      .then((page) => {
        // A member added locally may also arrive in a later page.
        setMembers((known) => {
          const seen = new Set(known.map((member) => member.userId));
          return [...known, ...page.items.filter((member) => !seen.has(member.userId))];
        });
        setNextCursor(page.nextCursor);
        setError(null);
      })
      .catch((failure: unknown) => setError(failure))
      .finally(() => setLoadingMore(false));
  }, [slug, nextCursor]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  const replaceMember = useCallback((changed: Member) => {
    setMembers((known) =>
      known.map((member) => (member.userId === changed.userId ? changed : member)),
    );
  }, []);

  const addMember = useCallback((added: Member) => {
    setMembers((known) => [...known.filter((m) => m.userId !== added.userId), added]);
  }, []);

  const forgetMember = useCallback((userId: string) => {
    setMembers((known) => known.filter((member) => member.userId !== userId));
  }, []);

  return {
    members,
    status,
    error,
    hasMore: nextCursor !== null,
    loadingMore,
    loadMore,
    reload,
    replaceMember,
    addMember,
    forgetMember,
  };
}
