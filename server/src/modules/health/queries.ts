// SQL of the readiness probe.
import type { Tx } from '../../db/transaction.ts';

export async function currentSchemaVersion(tx: Tx): Promise<number> {
  const { rows } = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}
