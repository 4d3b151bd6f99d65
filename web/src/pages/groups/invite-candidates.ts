// Whom a group administrator can pick when inviting: the instance's members.
// Only instance administrators may list them today; for everyone else this
// answers null and the form falls back to typing a user id. A people
// directory endpoint will replace this.
import { listMembers } from '../../api/members';
import { ApiError } from '../../api/problem';

export interface InviteCandidate {
  userId: string;
  label: string;
}

const MAX_PAGES = 10;

export async function loadInviteCandidates(slug: string): Promise<InviteCandidate[] | null> {
  const found: InviteCandidate[] = [];
  let cursor: string | null = null;
  try {
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await listMembers(slug, cursor);
      for (const member of result.items) {
        if (member.status !== 'active') continue;
        found.push({ userId: member.userId, label: `${member.displayName} (${member.email})` });
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return null;
    throw error;
  }
  return found.sort((a, b) => a.label.localeCompare(b.label));
}
