// Who may subscribe to a stream, asked at subscribe time and again whenever a
// membership changes or the connection is re-verified (gateway.ts). A stream
// one may not read answers exactly like one that does not exist.
import type { Tx } from '../db/transaction.ts';
import type { Actor, TenantContext } from '../http/context.ts';
import { AppError } from '../errors.ts';
import { loadGroup } from '../modules/groups/actions.ts';
import { canReadGroupContent } from '../modules/groups/policies.ts';
import { canUseApiTokens } from '../modules/instances/policies.ts';
import { findMembership, type Membership } from '../modules/instances/queries.ts';

export type StreamKind = 'conversation' | 'group' | 'user' | 'inbox';
const STREAM = /^(conversation|group|user|inbox):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseStream(name: string): { kind: StreamKind; id: string } | null {
  const match = STREAM.exec(name);
  return match ? { kind: match[1] as StreamKind, id: match[2]! } : null;
}

/** What a granted subscription must remember: a room's group, whose membership changes decide it. */
export interface Grant {
  roomGroupId: string | null;
}

export async function grantFor(tx: Tx, t: TenantContext, stream: string): Promise<Grant | null> {
  const parsed = parseStream(stream);
  if (!parsed) return null;
  const me = t.membership.userId;
  switch (parsed.kind) {
    case 'inbox':
      return parsed.id === me ? { roomGroupId: null } : null;
    case 'user': {
      if (t.membership.role === 'guest' && parsed.id !== me) return null;
      const person = await findMembership(tx, t.instance.id, parsed.id);
      return person ? { roomGroupId: null } : null;
    }
    case 'group': {
      const loaded = await loadGroup(tx, t, parsed.id).catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) return null;
        throw error;
      });
      return loaded && canReadGroupContent(loaded.actor, loaded.group) ? { roomGroupId: null } : null;
    }
    case 'conversation': {
      // A membership probe, not the member's view of the conversation (no unread counts): it runs on every re-verification.
      const { rows } = await tx.query<{ groupId: string | null }>(
        `SELECT c.group_id AS "groupId" FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id
         WHERE cm.instance_id = $1 AND cm.conversation_id = $2 AND cm.user_id = $3 AND cm.left_at IS NULL`,
        [t.instance.id, parsed.id, me]);
      return rows[0] ? { roomGroupId: rows[0].groupId } : null;
    }
  }
}

/**
 * The connection's actor and membership as they are now: null when the
 * session or token has ended, the account is disabled, the membership is no
 * longer active, or the instance is suspended (the connection must close).
 */
export async function currentMembership(tx: Tx, actor: Actor, instanceId: string, idleTimeoutMs: number): Promise<Membership | null> {
  const { rows } = actor.kind === 'session'
    ? await tx.query(
      `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2) AND u.disabled_at IS NULL`,
      [actor.session.id, idleTimeoutMs / 1000])
    : await tx.query(
      `SELECT 1 FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.id = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.disabled_at IS NULL`,
      [actor.token.id]);
  if (rows.length === 0) return null;
  const instance = await tx.query(`SELECT 1 FROM instances WHERE id = $1 AND status = 'active'`, [instanceId]);
  if (instance.rows.length === 0) return null;
  const membership = await findMembership(tx, instanceId, actor.user.id);
  if (!membership || membership.status !== 'active') return null;
  if (actor.kind === 'token' && !canUseApiTokens(membership)) return null;
  return membership;
}
