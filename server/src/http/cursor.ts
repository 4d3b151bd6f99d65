// Opaque cursors for keyset pagination on (timestamp, id). The timestamp is
// carried in microseconds, PostgreSQL's own precision, so no row is skipped
// or repeated between pages (a JS Date would round to milliseconds).
import { badRequest } from '../errors.ts';

export interface Keyset {
  micros: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SQL expression turning a timestamptz column into epoch microseconds. */
export const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint`;
/** SQL expression turning a bigint parameter of epoch microseconds back into a timestamptz. */
export const fromMicros = (parameter: string) => `('epoch'::timestamptz + ${parameter}::bigint * interval '1 microsecond')`;

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.micros, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (!Number.isSafeInteger(value) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { micros: value as number, id };
  } catch {
    throw badRequest('invalid_cursor', 'The pagination cursor is invalid.');
  }
}

/** Splits limit+1 fetched rows into one page and the cursor of the next page. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** A cursor for lists ordered by a text key (e.g. a name) then id. */
export interface TextKeyset {
  text: string;
  id: string;
}

export function encodeTextCursor(key: TextKeyset): string {
  return Buffer.from(JSON.stringify([key.text, key.id])).toString('base64url');
}

export function decodeTextCursor(cursor: string | undefined): TextKeyset | null {
  if (cursor === undefined) return null;
  try {
    const [text, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof text !== 'string' || text.length > 200 || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return { text, id };
  } catch {
    throw badRequest('invalid_cursor', 'The pagination cursor is invalid.');
  }
}
