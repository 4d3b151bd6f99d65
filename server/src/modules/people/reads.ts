// Permission-checked reads of people: the directory, profiles, avatars, field definitions.
import { inTransaction } from '../../db/transaction.ts';
import { decodeTextCursor, encodeTextCursor } from '../../http/cursor.ts';
import type { TenantContext } from '../../http/context.ts';
import { notFound } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { canEditProfile } from './policies.ts';
import { presentField, presentPersonSummary, presentProfile } from './presenters.ts';
import { findAvatar, findProfile, listFields, searchDirectory, type DirectoryFilter } from './queries.ts';

const isGuest = (t: TenantContext) => t.membership.role === 'guest';

export async function readDirectory(s: Services, t: TenantContext, q: Partial<DirectoryFilter> & { limit?: number | undefined; cursor?: string | undefined }) {
  const limit = q.limit ?? 30;
  const after = decodeTextCursor(q.cursor);
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const rows = await searchDirectory(tx, t.instance.id, t.membership.userId, isGuest(t),
      { q: q.q?.trim() ?? '', department: q.department, location: q.location, jobTitle: q.jobTitle }, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((p) => presentPersonSummary(t.instance.slug, p)),
      nextCursor: rows.length > limit && last ? encodeTextCursor({ text: last.sortName, id: last.userId }) : null,
    };
  });
}

export async function readProfile(s: Services, t: TenantContext, userId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    const profile = await findProfile(tx, t.instance.id, t.membership.userId, isGuest(t), userId);
    if (!profile) throw notFound('No such person.');
    return presentProfile(t.instance.slug, profile, await listFields(tx, t.instance.id), canEditProfile(t.membership, userId));
  });
}

export async function readAvatar(s: Services, t: TenantContext, userId: string) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => {
    if (!(await findProfile(tx, t.instance.id, t.membership.userId, isGuest(t), userId))) throw notFound('No such person.');
    const avatar = await findAvatar(tx, t.instance.id, userId);
    if (!avatar) throw notFound('This person has no picture.');
    return avatar;
  });
}

export async function readProfileFields(s: Services, t: TenantContext) {
  return inTransaction(s.pool, { instanceId: t.instance.id }, async (tx) => (await listFields(tx, t.instance.id)).map(presentField));
}
