// The `ruche` command. `ruche serve` (the default) runs the server; the other
// commands act on the same database as the same code paths (actions), so the
// CLI never writes rows the server would not.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { EmbeddedPostgresError } from './db/embedded.ts';
import { AppError } from './errors.ts';
import { createLogger } from './http/logging.ts';
import { createMailer } from './mail/mailer.ts';
import { serve } from './main.ts';
import { createOperator, setAccountDisabled } from './modules/operator/actions.ts';
import { SearchTurns } from './modules/search/turns.ts';
import { openRealtimeTransport } from './realtime/transport.ts';
import { openBlobStore } from './storage/open.ts';
import type { Services } from './services.ts';

const USAGE = `Usage: ruche <command> [options]

Commands:
  serve                                Start the server (default)
  migrate                              Apply database migrations and exit
  create-operator --email E [--name N] [--password-stdin]
                                       Create a platform operator account (or promote an existing
                                       account). Without --password-stdin a strong password is
                                       generated and printed once.
  disable-user --email E               Disable an account everywhere and end its sessions
  enable-user --email E                Re-enable a disabled account
  help                                 Show this help

Configuration comes from environment variables: see docs/configuration.md.`;

async function withServices<T>(work: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config, log);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir, log });
  const realtime = await openRealtimeTransport(config, log);
  const blobs = openBlobStore(config.storage);
  try {
    return await work({ config, pool: database.pool, mailer, log, bus: realtime.bus, presence: realtime.presence, blobs, searches: new SearchTurns(config.search) });
  } finally {
    await blobs.close();
    await realtime.close();
    mailer.close();
    await database.close();
  }
}

async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    allowPositionals: false,
  });
  switch (command) {
    case 'serve':
      return serve(loadConfig());
    case 'migrate':
      await withServices(async () => undefined);
      console.log('Database is up to date.');
      return;
    case 'create-operator': {
      if (!values.email) throw new ConfigError('create-operator needs --email');
      const generated = !values['password-stdin'];
      const password = generated ? randomBytes(18).toString('base64url') : readFileSync(0, 'utf8').replace(/\r?\n$/, '');
      const { user, created } = await withServices((s) =>
        createOperator(s, { email: values.email!, displayName: values.name ?? 'Operator', password }));
      if (!created) console.log(`${user.email} is now a platform operator (existing account, password unchanged).`);
      else console.log(`Operator ${user.email} created.${generated ? ` Password (shown once): ${password}` : ''}`);
      return;
    }
    case 'disable-user':
    case 'enable-user': {
      if (!values.email) throw new ConfigError(`${command} needs --email`);
      const user = await withServices((s) => setAccountDisabled(s, values.email!, command === 'disable-user'));
      console.log(`${user.email} ${command === 'disable-user' ? 'disabled; its sessions have ended' : 'enabled'}.`);
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new ConfigError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof AppError;
    console.error(`ruche: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
}
