// Builds the real application for a test file: its own database cloned from
// the migrated template, the unprivileged app role, a real SMTP sink, and the
// log lines captured so tests can assert what is (not) logged.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createPool, type Pool } from '../../src/db/pool.ts';
import { createLogger } from '../../src/http/logging.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { SearchTurns } from '../../src/modules/search/turns.ts';
import { openRealtimeTransport } from '../../src/realtime/transport.ts';
import type { RucheEvent } from '../../src/realtime/events.ts';
import type { Services } from '../../src/services.ts';
import { openBlobStore } from '../../src/storage/open.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startMailSink, type MailSink } from './smtp.ts';

export interface Harness {
  app: FastifyInstance;
  s: Services;
  db: TestDatabase;
  /** Superuser pool on the test database, for assertions the app role may not make. */
  owner: Pool;
  mail: MailSink;
  logs: string[];
  /** Every realtime event published, in order. */
  events: RucheEvent[];
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, options: { serveWeb?: boolean } = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const mail = await startMailSink();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ruche-test-'));
  const config: Config = {
    ...loadConfig({ PUBLIC_URL: 'http://localhost:3000', DATA_DIR: dataDir, SMTP_URL: mail.url, ...env }),
    serveWeb: options.serveWeb ?? false,
  };
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  const log = createLogger('debug', sink);
  const pool = createPool(db.appUrl, 5, 'ruche-test');
  const owner = createPool(db.ownerUrl, 2, 'ruche-test-owner');
  const mailer = createMailer({ smtpUrl: mail.url, from: config.mailFrom, dataDir, log });
  const realtime = await openRealtimeTransport(config, log);
  const events: RucheEvent[] = [];
  realtime.bus.subscribe((event) => void events.push(event));
  const s: Services = { config, pool, mailer, log, bus: realtime.bus, presence: realtime.presence, blobs: openBlobStore(config.storage), searches: new SearchTurns(config.search) };
  const app = await buildApp(s);
  await app.ready();
  return {
    app, s, db, owner, mail, logs, events,
    async close() {
      await app.close();
      await realtime.close();
      await s.blobs.close();
      mailer.close();
      await pool.end();
      await owner.end();
      await mail.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
