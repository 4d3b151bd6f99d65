// Factories and checks shared by the feed and notification tests: more
// members through the real member action, groups and posts through the API
// (asserting each step worked), the events and notifications a post caused,
// and an inspection of rendered HTML for anything a browser would execute.
import assert from 'node:assert/strict';
import { createMemberAccount } from '../../src/modules/members/actions.ts';
import type { EventType, RucheEvent, RucheEvents } from '../../src/realtime/events.ts';
import type { Harness } from '../support/harness.ts';
import { PASSWORD, signedIn, type Person, type Tenant } from '../support/world.ts';

/** A new account with an active membership of `tenant`, created by its owner, signed in. */
export async function addMember(h: Harness, tenant: Tenant, email: string, displayName: string, role: 'administrator' | 'member' | 'guest' = 'member'): Promise<Person> {
  const owner = tenant.people.owner.user.id;
  const ctx = { instance: tenant.instance, membership: { instanceId: tenant.instance.id, userId: owner, role: 'owner' as const, status: 'active' as const, createdAt: new Date() } };
  const member = await createMemberAccount(h.s, ctx, { email, displayName, role, password: PASSWORD });
  return { user: { ...tenant.people.owner.user, id: member.userId, email, displayName: member.displayName }, email, client: await signedIn(h, email) };
}

/** Creates a group as `by` (who becomes its administrator) and returns its id. */
export async function makeGroup(by: Person, slug: string, name: string, visibility: 'open' | 'private' | 'secret', posting: 'everyone' | 'admins' = 'everyone'): Promise<string> {
  const answer = await by.client.post(`/api/v1/i/${slug}/groups`, { name, visibility, posting });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.id;
}

/** Joins an open group, or adds `who` to any group through an invitation by `admin`. */
export async function addToGroup(slug: string, groupId: string, who: Person, admin?: Person): Promise<void> {
  if (admin) {
    const invited = await admin.client.post(`/api/v1/i/${slug}/groups/${groupId}/invitations`, { userId: who.user.id });
    assert.equal(invited.status, 204, JSON.stringify(invited.body));
  }
  const joined = await who.client.post(`/api/v1/i/${slug}/groups/${groupId}/join`);
  assert.equal(joined.status, 204, JSON.stringify(joined.body));
}

/** Publishes a post (in a group, or on the author's profile) and returns the presented post. */
export async function publish(by: Person, slug: string, body: string, groupId?: string): Promise<any> {
  const answer = await by.client.post(`/api/v1/i/${slug}/posts`, groupId ? { groupId, body } : { body });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

export function eventsOf<T extends EventType>(h: Harness, type: T, match: (data: RucheEvents[T]) => boolean = () => true): Array<RucheEvent<T>> {
  return h.events.filter((e): e is RucheEvent<T> => e.type === type && match(e.data as RucheEvents[T]));
}

/** The notification rows of a user (kind, post, comment), oldest first, read through the superuser pool. */
export async function notificationRows(h: Harness, userId: string, postId?: string): Promise<Array<{ kind: string; actor_id: string; post_id: string | null; comment_id: string | null }>> {
  const { rows } = await h.owner.query(
    `SELECT kind, actor_id, post_id, comment_id FROM notifications
     WHERE user_id = $1 AND ($2::uuid IS NULL OR post_id = $2) ORDER BY created_at, id`, [userId, postId ?? null]);
  return rows;
}

export async function postRowCount(h: Harness, where: string, params: unknown[]): Promise<number> {
  const { rows } = await h.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM posts WHERE ${where}`, params);
  return rows[0]!.n;
}

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr']);

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Fails unless `html` is inert in a browser: only allow-listed tags, no event
 * handler attribute, no style, and every href (decoded as a browser would)
 * either http(s)/mailto or same-origin. Text may quote anything: in
 * text every `<` is escaped, so the literal `<script`, `<img`… never appear.
 */
export function assertInert(html: string, label = html): void {
  for (const forbidden of ['<script', '<iframe', '<svg', '<img', '<object', '<embed', '<style', '<form', '<input']) {
    assert.ok(!html.toLowerCase().includes(forbidden), `${label}: contains ${forbidden}`);
  }
  for (const [tag, name, attributes] of html.matchAll(/<\/?([^\s/>]+)([^>]*)>/g)) {
    assert.ok(ALLOWED_TAGS.has(name!.toLowerCase()), `${label}: tag <${name}> is not allowed (${tag})`);
    // Only well-formed name="value" pairs, so nothing can hide in an unquoted or broken attribute.
    assert.match(attributes!, /^(\s+[a-z-]+="[^"<>]*")*\s*$/i, `${label}: malformed attributes in ${tag}`);
    assert.doesNotMatch(attributes!, /\son\w+\s*=/i, `${label}: event handler in ${tag}`);
    assert.ok(!/javascript:/i.test(decodeEntities(tag).replace(/[\s\p{Cc}]/gu, '')), `${label}: javascript: in ${tag}`);
    for (const [, attribute, raw] of attributes!.matchAll(/([a-z-]+)="([^"]*)"/gi)) {
      const value = decodeEntities(raw!).replace(/[\s\p{Cc}]/gu, '');
      assert.ok(['href', 'class', 'rel', 'target', 'start'].includes(attribute!.toLowerCase()), `${label}: attribute ${attribute} in ${tag}`);
      assert.doesNotMatch(value, /^(javascript|vbscript|data):/i, `${label}: script URL in ${tag}`);
      // An href is http(s), mailto, or scheme-less and not protocol-relative (browsers read `/\host` as `//host`).
      if (attribute!.toLowerCase() === 'href' && !/^(https?:\/\/|mailto:)/i.test(value)) {
        assert.doesNotMatch(value, /^([a-z][a-z0-9+.-]*:|[/\\]{2})/i, `${label}: href ${value} is neither http(s), mailto nor same-origin`);
      }
    }
  }
}

/** The `<a …>` tags of `html` whose href is `href`. */
export function linksTo(html: string, href: string): string[] {
  return [...html.matchAll(/<a\s[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(`href="${href}"`));
}
