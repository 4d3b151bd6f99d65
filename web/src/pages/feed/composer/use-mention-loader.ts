// A stable "load the people I may mention" function for a composer, scoped
// to the groups the text is written for.
import { useCallback } from 'react';
import { useInstance } from '../../instance/instance-context';
import { findMentionCandidates, type MentionCandidate } from './mention-source';

export function useMentionLoader(groupIds: readonly string[]): () => Promise<MentionCandidate[]> {
  const { instance } = useInstance();
  const key = groupIds.join(',');
  return useCallback(
    () => findMentionCandidates(instance.slug, key ? key.split(',') : []),
    [instance.slug, key],
  );
}
