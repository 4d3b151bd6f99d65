// Where mention suggestions come from: the people directory, searched with
// what follows the "@", so anyone can mention any member of the instance.
import { searchPeople } from '../../../api/people';

export interface MentionCandidate {
  userId: string;
  displayName: string;
}

/** Finds the people whose name (or job, department, location) contains `query`. */
export type LoadMentionCandidates = (query: string) => Promise<MentionCandidate[]>;

/** More than the list shows: the composer narrows the answer to names by word. */
const SEARCH_LIMIT = 20;

export async function findMentionCandidates(slug: string, query: string): Promise<MentionCandidate[]> {
  const page = await searchPeople(slug, { q: query.trim() }, { limit: SEARCH_LIMIT });
  return page.items.map((person) => ({ userId: person.userId, displayName: person.displayName }));
}
