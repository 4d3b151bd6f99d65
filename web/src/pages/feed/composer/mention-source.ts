// Where mention suggestions come from. There is no people directory endpoint
// yet, so we offer the members of the groups the text is written for; when a
// directory exists, only this file changes.
import { listGroupMembers } from '../../../api/groups';

export interface MentionCandidate {
  userId: string;
  displayName: string;
}

/** At most this many groups are asked, so the home composer stays cheap. */
const MAX_GROUPS = 20;

export async function findMentionCandidates(
  slug: string,
  groupIds: readonly string[],
): Promise<MentionCandidate[]> {
  const lists = await Promise.all(
    groupIds.slice(0, MAX_GROUPS).map((groupId) =>
      // One unreadable group must not cost the suggestions of the others.
      listGroupMembers(slug, groupId).then(
        (list) => list.items,
        () => [],
      ),
    ),
  );
  const byId = new Map<string, MentionCandidate>();
  for (const member of lists.flat()) {
    byId.set(member.userId, { userId: member.userId, displayName: member.displayName });
  }
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
