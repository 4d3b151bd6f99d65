// A stable "find the people I may mention" function for a composer.
import { useCallback } from 'react';
import { useInstance } from '../../instance/instance-context';
import { findMentionCandidates, type LoadMentionCandidates } from './mention-source';

export function useMentionLoader(): LoadMentionCandidates {
  const { instance } = useInstance();
  return useCallback((query: string) => findMentionCandidates(instance.slug, query), [instance.slug]);
}
