// Background jobs on pg-boss (a PostgreSQL-backed queue): schedules are
// stored in the database and each tick is sent once whatever the number of
// nodes; the 'singleton' policy lets one worker at a time run a queue. pg-boss
// keeps its own tables in the `pgboss` schema and connects as the owner role;
// the job handlers themselves work through the application pool, under RLS.
import { PgBoss } from 'pg-boss';
import type { Services } from '../services.ts';
import { sendDueDigests } from '../modules/notifications/digests.ts';
import { pruneStreamEvents } from '../realtime/stream-log.ts';
import { sweepDrive } from '../modules/drive/sweep.ts';
import { extractPendingTexts } from '../modules/search/extraction.ts';

export const DIGEST_QUEUE = 'notification-digests';
export const STREAM_PRUNE_QUEUE = 'stream-events-prune';
export const DRIVE_SWEEP_QUEUE = 'drive-sweep';
export const TEXT_EXTRACTION_QUEUE = 'file-text-extraction';

export interface JobRunner {
  /** Queues a digest run now (the schedule does it every hour). */
  runDigestsNow(): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobs(ownerUrl: string, s: Services): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: 'pgboss', application_name: 'ruche-jobs', max: 2 });
  boss.on('error', (err: unknown) => s.log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(DIGEST_QUEUE, { policy: 'singleton', retryLimit: 3, retryBackoff: true });
  await boss.schedule(DIGEST_QUEUE, '5 * * * *');
  await boss.work(DIGEST_QUEUE, async () => {
    const sent = await sendDueDigests(s);
    s.log.info({ sent }, 'notification digests sent');
  });
  await boss.createQueue(STREAM_PRUNE_QUEUE, { policy: 'singleton', retryLimit: 3, retryBackoff: true });
  await boss.schedule(STREAM_PRUNE_QUEUE, '17 * * * *');
  await boss.work(STREAM_PRUNE_QUEUE, async () => {
    const pruned = await pruneStreamEvents(s);
    s.log.info({ pruned }, 'realtime events past the recovery window pruned');
  });
  await boss.createQueue(DRIVE_SWEEP_QUEUE, { policy: 'singleton', retryLimit: 3, retryBackoff: true });
  await boss.schedule(DRIVE_SWEEP_QUEUE, '41 * * * *');
  await boss.work(DRIVE_SWEEP_QUEUE, async () => {
    await sweepDrive(s);
  });
  await boss.createQueue(TEXT_EXTRACTION_QUEUE, { policy: 'singleton', retryLimit: 3, retryBackoff: true });
  await boss.schedule(TEXT_EXTRACTION_QUEUE, '* * * * *');
  await boss.work(TEXT_EXTRACTION_QUEUE, async () => {
    const done = await extractPendingTexts(s);
    if (done.extracted + done.failed > 0) s.log.info(done, 'file texts extracted for search');
  });
  return {
    async runDigestsNow() {
      await boss.send(DIGEST_QUEUE, {});
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
