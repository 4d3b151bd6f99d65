// API shapes of the signed-in session and of the session list.
import type { Static } from 'typebox';
import { presentMyInstance } from '../instances/presenters.ts';
import type { MyInstanceRow } from '../instances/queries.ts';
import { presentUser } from '../users/presenters.ts';
import type { UserRecord } from '../users/queries.ts';
import type { SessionRow } from './queries.ts';
import type { SessionItem, SessionView } from './schemas.ts';

export function presentSession(user: UserRecord, session: SessionRow, instances: MyInstanceRow[]): Static<typeof SessionView> {
  return {
    user: presentUser(user),
    csrfToken: session.csrfToken,
    instances: instances.map((i) => presentMyInstance(i, i.role)),
  };
}

export function presentSessionItem(session: SessionRow, currentId: string | null): Static<typeof SessionItem> {
  return {
    id: session.id,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.id === currentId,
  };
}
