// SQL for personal API tokens (tenant-owned, under RLS: a token only exists inside its instance).
import type { Tx } from '../../db/transaction.ts';

export type Scope = 'read' | 'write';

export interface ApiTokenRecord {
  id: string;
  instanceId: string;
  userId: string;
  name: string;
  scopes: Scope[];
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

const COLUMNS = `id, instance_id AS "instanceId", user_id AS "userId", name, scopes, prefix,
  created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt"`;

export async function insertToken(tx: Tx, t: { instanceId: string; userId: string; name: string; scopes: Scope[]; prefix: string; tokenHash: Buffer; expiresAt: Date }): Promise<ApiTokenRecord> {
  const { rows } = await tx.query<ApiTokenRecord>(
    `INSERT INTO api_tokens (instance_id, user_id, name, scopes, prefix, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [t.instanceId, t.userId, t.name, t.scopes, t.prefix, t.tokenHash, t.expiresAt],
  );
  return rows[0]!;
}

export async function findLiveToken(tx: Tx, tokenHash: Buffer): Promise<ApiTokenRecord | null> {
  const { rows } = await tx.query<ApiTokenRecord>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`, [tokenHash]);
  return rows[0] ?? null;
}

export async function touchToken(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
}

export async function listUserTokens(tx: Tx, userId: string): Promise<ApiTokenRecord[]> {
  const { rows } = await tx.query<ApiTokenRecord>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC`, [userId]);
  return rows;
}

export async function revokeToken(tx: Tx, userId: string, id: string): Promise<boolean> {
  const result = await tx.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL', [id, userId]);
  return result.rowCount === 1;
}
