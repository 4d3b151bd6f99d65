// Email digests of unread notifications, as talkspirit sends them: at the
// member's chosen frequency, only for what is still unread, and only to
// members who have not been active during that period. Run by the job runner
// (jobs/runner.ts) every hour; safe to run twice (digest_sent_at gates it).
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { digestEmail } from '../../mail/templates.ts';
import type { Services } from '../../services.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Instance } from '../instances/queries.ts';
import { listInstancesPage } from '../instances/queries.ts';
import { findDueMembers, markDigestSent, setDigest, unreadSince, unsubscribeByToken, type DigestFrequency } from './digest-queries.ts';

const LINES_PER_DIGEST = 10;
const INSTANCES_PER_BATCH = 100;

async function digestsForInstance(s: Services, instance: Instance, now: Date): Promise<number> {
  return inTransaction(s.pool, { instanceId: instance.id }, async (tx) => {
    let sent = 0;
    for (const member of await findDueMembers(tx, instance.id, now)) {
      const { lines, total } = await unreadSince(tx, instance.id, member.userId, member.since, LINES_PER_DIGEST);
      if (total === 0) continue;
      await markDigestSent(tx, instance.id, member.userId, now);
      const email = digestEmail(member.locale, {
        instanceName: instance.name,
        items: lines,
        total,
        link: new URL(`/i/${instance.slug}/notifications`, s.config.publicUrl).toString(),
        unsubscribeLink: new URL(`/i/${instance.slug}/unsubscribe?token=${member.unsubscribeToken}`, s.config.publicUrl).toString(),
      });
      tx.afterCommit(() => s.mailer.send(member.email, email));
      sent += 1;
    }
    return sent;
  });
}

/** Sends every digest due at `now` across active instances; returns how many were sent. */
export async function sendDueDigests(s: Services, now = new Date()): Promise<number> {
  let sent = 0;
  let after: { micros: number; id: string } | null = null;
  for (;;) {
    const page = await inTransaction(s.pool, {}, (tx) => listInstancesPage(tx, INSTANCES_PER_BATCH, after));
    for (const instance of page.filter((i) => i.status === 'active')) sent += await digestsForInstance(s, instance, now);
    const last = page.at(-1);
    if (!last || page.length < INSTANCES_PER_BATCH) return sent;
    after = { micros: last.createdAtMicros, id: last.id };
  }
}

export async function setDigestFrequency(s: Services, t: TenantContext, digest: DigestFrequency): Promise<void> {
  await inTransaction(s.pool, { instanceId: t.instance.id }, (tx) => setDigest(tx, t.instance.id, t.membership.userId, digest));
}

/** The link in a digest: switches that member's digests off, without signing in. */
export async function unsubscribe(s: Services, instance: Instance, token: string): Promise<void> {
  const done = await inTransaction(s.pool, { instanceId: instance.id }, (tx) => unsubscribeByToken(tx, instance.id, token));
  if (!done) throw new AppError(404, 'unsubscribe_invalid', 'This unsubscribe link is not valid.');
}
