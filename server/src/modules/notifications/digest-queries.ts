// SQL of the email digest: who is due, and what they have not read.
import type { Tx } from '../../db/transaction.ts';
import type { NotificationKind } from './queries.ts';

export type DigestFrequency = 'hourly' | 'daily' | 'weekly' | 'never';

const PERIOD = `(CASE m.digest WHEN 'hourly' THEN interval '1 hour' WHEN 'daily' THEN interval '1 day' ELSE interval '7 days' END)`;

export interface DueMember {
  userId: string;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  digest: DigestFrequency;
  unsubscribeToken: string;
  since: Date;
}

/**
 * Members of the instance whose digest is due at `now`: a frequency other than
 * never, no digest within the period, no activity (a session seen) within the
 * period, and at least one unread notification from the period and newer than their last digest.
 */
export async function findDueMembers(tx: Tx, instanceId: string, now: Date): Promise<DueMember[]> {
  const { rows } = await tx.query<DueMember>(
    `SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", u.locale, m.digest,
       m.unsubscribe_token AS "unsubscribeToken", GREATEST(m.digest_sent_at, $2::timestamptz - ${PERIOD}) AS since
     FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.instance_id = $1 AND m.status = 'active' AND u.disabled_at IS NULL AND m.digest <> 'never'
       AND (m.digest_sent_at IS NULL OR m.digest_sent_at <= $2::timestamptz - ${PERIOD})
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = m.user_id AND s.last_seen_at > $2::timestamptz - ${PERIOD})
       AND EXISTS (SELECT 1 FROM notifications n WHERE n.instance_id = m.instance_id AND n.user_id = m.user_id AND n.read_at IS NULL
                     AND n.created_at > GREATEST(m.digest_sent_at, $2::timestamptz - ${PERIOD}))
     ORDER BY m.user_id`,
    [instanceId, now]);
  return rows;
}

export interface DigestLine {
  kind: NotificationKind;
  actorName: string | null;
  groupName: string | null;
}

export async function unreadSince(tx: Tx, instanceId: string, userId: string, since: Date, limit: number): Promise<{ lines: DigestLine[]; total: number }> {
  const { rows } = await tx.query<DigestLine & { total: number }>(
    `SELECT n.kind, u.display_name AS "actorName", g.name AS "groupName", count(*) OVER ()::int AS total
     FROM notifications n LEFT JOIN users u ON u.id = n.actor_id LEFT JOIN groups g ON g.id = n.group_id
     WHERE n.instance_id = $1 AND n.user_id = $2 AND n.read_at IS NULL AND n.created_at > $3
     ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
    [instanceId, userId, since, limit]);
  return { lines: rows, total: rows[0]?.total ?? 0 };
}

export async function markDigestSent(tx: Tx, instanceId: string, userId: string, at: Date): Promise<void> {
  await tx.query('UPDATE memberships SET digest_sent_at = $3 WHERE instance_id = $1 AND user_id = $2', [instanceId, userId, at]);
}

export async function findDigestSetting(tx: Tx, instanceId: string, userId: string): Promise<DigestFrequency> {
  const { rows } = await tx.query<{ digest: DigestFrequency }>('SELECT digest FROM memberships WHERE instance_id = $1 AND user_id = $2', [instanceId, userId]);
  return rows[0]!.digest;
}

export async function setDigest(tx: Tx, instanceId: string, userId: string, digest: DigestFrequency): Promise<void> {
  await tx.query('UPDATE memberships SET digest = $3 WHERE instance_id = $1 AND user_id = $2', [instanceId, userId, digest]);
}

/** Switches digests off for the member holding this unsubscribe token; false when no member does. */
export async function unsubscribeByToken(tx: Tx, instanceId: string, token: string): Promise<boolean> {
  const result = await tx.query("UPDATE memberships SET digest = 'never' WHERE instance_id = $1 AND unsubscribe_token = $2", [instanceId, token]);
  return result.rowCount === 1;
}
