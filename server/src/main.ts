// `ruche serve`: configuration → database (external or embedded) →
// migrations → application → listen; stops cleanly on SIGINT/SIGTERM.
import { performance } from 'node:perf_hooks';
import { buildApp } from './app.ts';
import { ConfigError, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { inTransaction } from './db/transaction.ts';
import { createLogger } from './http/logging.ts';
import { createMailer } from './mail/mailer.ts';
import { deleteExpiredSessions } from './modules/auth/queries.ts';
import { startJobs } from './jobs/runner.ts';
import { SearchTurns } from './modules/search/turns.ts';
import { openRealtimeTransport } from './realtime/transport.ts';
import { openBlobStore } from './storage/open.ts';

const SESSION_SWEEP_MS = 10 * 60_000;

export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir, log });
  const realtime = await openRealtimeTransport(config, log);
  const services = { config, pool: database.pool, mailer, log, bus: realtime.bus, presence: realtime.presence, blobs: openBlobStore(config.storage), searches: new SearchTurns(config.search) };
  const app = await buildApp(services);
  const jobs = await startJobs(database.ownerUrl, services);

  const sweep = setInterval(() => {
    inTransaction(database.pool, {}, (tx) => deleteExpiredSessions(tx, config.session.idleTimeoutMs))
      .catch((err: unknown) => log.warn({ err }, 'expired session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    clearInterval(sweep);
    await app.close().catch((err: unknown) => log.error({ err }, 'error while closing the HTTP server'));
    await jobs.stop().catch((err: unknown) => log.error({ err }, 'error while stopping the job runner'));
    await realtime.close();
    await services.blobs.close();
    mailer.close();
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await jobs.stop().catch(() => undefined);
    await database.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new ConfigError(`port ${config.port} is already in use on ${config.host}: stop the other process or set PORT.`, { cause: error });
    }
    throw error;
  }
  const memory = process.memoryUsage();
  log.info({
    url: config.publicUrl.toString(),
    startupMs: Math.round(performance.now() - started),
    rssMiB: Math.round(memory.rss / 1_048_576),
    heapUsedMiB: Math.round(memory.heapUsed / 1_048_576),
    embeddedDatabase: database.embedded,
  }, `Ruche is ready on ${config.publicUrl.toString()}`);
}
