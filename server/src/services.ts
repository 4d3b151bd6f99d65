// What actions need from the outside world, built once in main.ts (or by the
// test harness) and passed down explicitly: no module-level singletons.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Pool } from './db/pool.ts';
import type { Mailer } from './mail/mailer.ts';
import type { SearchTurns } from './modules/search/turns.ts';
import type { EventBus } from './realtime/bus.ts';
import type { Presence } from './realtime/presence.ts';
import type { BlobStore } from './storage/blob-store.ts';

export interface Services {
  config: Config;
  /** Pool of the unprivileged application role: every query is subject to RLS. */
  pool: Pool;
  mailer: Mailer;
  /** Realtime events, published after commit. */
  bus: EventBus;
  /** Who has a realtime connection open, on any node. */
  presence: Presence;
  /** File content (drive, attachments): DATA_DIR/files or S3. */
  blobs: BlobStore;
  /** Searches run a few at a time, in turns by instance (config.search). */
  searches: SearchTurns;
  log: Logger;
}
