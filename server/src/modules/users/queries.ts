// SQL for accounts (global: one login across instances).
import type { Tx } from '../../db/transaction.ts';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  locale: 'fr' | 'en';
  isOperator: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `id, email, display_name AS "displayName", password_hash AS "passwordHash", locale,
  is_operator AS "isOperator", disabled_at AS "disabledAt", created_at AS "createdAt"`;

export async function findUserByEmail(tx: Tx, email: string): Promise<UserRecord | null> {
  const { rows } = await tx.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email]);
  return rows[0] ?? null;
}

export async function findUserById(tx: Tx, id: string): Promise<UserRecord | null> {
  const { rows } = await tx.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertUser(tx: Tx, user: { email: string; displayName: string; passwordHash: string; locale: 'fr' | 'en'; isOperator?: boolean }): Promise<UserRecord | null> {
  const { rows } = await tx.query<UserRecord>(
    `INSERT INTO users (email, display_name, password_hash, locale, is_operator) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
    [user.email, user.displayName, user.passwordHash, user.locale, user.isOperator ?? false],
  );
  return rows[0] ?? null;
}

export async function updateProfile(tx: Tx, id: string, changes: { displayName?: string | undefined; locale?: string | undefined }): Promise<UserRecord> {
  const { rows } = await tx.query<UserRecord>(
    `UPDATE users SET display_name = COALESCE($2, display_name), locale = COALESCE($3, locale) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, changes.displayName ?? null, changes.locale ?? null],
  );
  return rows[0]!;
}

export async function updatePasswordHash(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [id, passwordHash]);
}

export async function setOperator(tx: Tx, id: string, isOperator: boolean): Promise<void> {
  await tx.query('UPDATE users SET is_operator = $2 WHERE id = $1', [id, isOperator]);
}

export async function setDisabled(tx: Tx, id: string, disabled: boolean): Promise<void> {
  await tx.query('UPDATE users SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1', [id, disabled]);
}
