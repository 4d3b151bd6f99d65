// API shape of a member.
import type { Static } from 'typebox';
import type { MemberRow } from './queries.ts';
import type { Member } from './schemas.ts';

export function presentMember(m: MemberRow): Static<typeof Member> {
  return { userId: m.userId, email: m.email, displayName: m.displayName, role: m.role, status: m.status, joinedAt: m.joinedAt.toISOString() };
}
