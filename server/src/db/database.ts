// Opens the database the configuration asks for: the external PostgreSQL of
// DATABASE_URL, or the embedded one. Migrates as the owner, then hands back a
// pool of the unprivileged application role.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';
import { createPool, deriveAppUrl, type Pool } from './pool.ts';

export interface Database {
  pool: Pool;
  ownerUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, (line) => log.info(line));
  const ownerUrl = config.databaseUrl ?? embedded!.ownerUrl;
  const appUrl = config.databaseAppUrl ?? deriveAppUrl(ownerUrl, config.databaseAppRole, config.databaseAppPassword ?? embedded?.appPassword);
  const appRole = decodeURIComponent(new URL(appUrl).username);
  const appPassword = config.databaseAppUrl ? undefined : config.databaseAppPassword ?? embedded?.appPassword;
  try {
    const applied = await migrate(ownerUrl, { name: appRole, password: appPassword });
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const pool = createPool(appUrl, config.databasePoolSize, 'ruche');
  return {
    pool,
    ownerUrl,
    embedded: embedded !== null,
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
