// Liveness and readiness probes for load balancers and uptime monitors.
// /healthz: the process answers. /readyz: the database answers, as the
// application role, and its schema is at the version this code expects.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { latestMigrationVersion } from '../../db/migrate.ts';
import { inTransaction } from '../../db/transaction.ts';
import { currentSchemaVersion } from './queries.ts';
import type { Services } from '../../services.ts';

const Health = Type.Object({ status: Type.String() });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({ database: Type.String(), migrations: Type.String() }),
});

export async function healthRoutes(app: FastifyInstance, s: Services): Promise<void> {
  const expected = await latestMigrationVersion();

  app.get('/healthz', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Process is alive', response: { 200: Health } },
  }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: { tags: ['health'], summary: 'Database reachable and migrated', response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    let database = 'ok';
    let migrations = 'ok';
    try {
      const current = await inTransaction(s.pool, {}, currentSchemaVersion);
      if (current < expected) migrations = `pending: at ${current}, expected ${expected}`;
    } catch {
      database = 'unreachable';
      migrations = 'unknown';
    }
    const ready = database === 'ok' && migrations === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { database, migrations } });
  });
}
