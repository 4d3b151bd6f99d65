// One search across everything the reader may open, grouped by kind. Without
// a `kind`, each kind gives its first few results (the quick-search palette);
// with one, that kind alone, a page at a time. A filter that does not apply
// to a kind leaves that kind out (a conversation filter keeps only messages).
import { readTogether } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { isAdministrator } from '../instances/policies.ts';
import { isEmpty, normalizeText, parseQuery } from './parse.ts';
import { presentTextHit } from './presenters.ts';
import { searchFiles, searchGroups, searchMessages, searchPeople, searchPosts, type Filters, type Reader } from './queries.ts';
import type { Kind } from './schemas.ts';

export interface SearchRequest extends Filters {
  q: string;
  kind?: Kind | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

// The search statements are planned once per connection, for this transaction only. PostgreSQL would plan
// them again for every search (about half of what a search that finds nothing costs), as their plan with
// the words unknown looks costlier on paper; it is not, as each statement is written so that its one sensible
// plan does not depend on the words (queries.ts; docs/search.md "Speed").
const PLANNED_ONCE = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true)";
const PER_KIND = 5;
const PAGE = 20;

/** Which kinds a filter keeps. */
function applies(kind: Kind, f: Filters): boolean {
  if (f.conversationId && kind !== 'messages') return false;
  if (f.groupId && kind !== 'posts' && kind !== 'files') return false;
  if (f.hasAttachment !== undefined && kind !== 'posts' && kind !== 'messages') return false;
  if ((f.authorId || f.from || f.to) && (kind === 'people' || kind === 'groups')) return false;
  return true;
}

/** `to` is a day: everything before the next one. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** `gone` aborts when the client has left: a search still waiting its turn (turns.ts) is then dropped. */
export async function searchEverything(s: Services, t: TenantContext, request: SearchRequest, gone?: AbortSignal) {
  const parsed = parseQuery(request.q);
  const raw = normalizeText(request.q);
  const filters: Filters = { ...request, from: request.from, to: request.to ? dayAfter(request.to) : undefined };
  const limit = request.kind ? request.limit ?? PAGE : Math.min(request.limit ?? PER_KIND, PER_KIND);
  const offset = request.kind ? request.offset ?? 0 : 0;
  const reader: Reader = {
    instanceId: t.instance.id, userId: t.membership.userId, guest: t.membership.role === 'guest', administrator: isAdministrator(t.membership),
  };
  const wanted = (kind: Kind) => (request.kind === undefined || request.kind === kind) && applies(kind, filters) && !isEmpty(parsed);
  const section = <T>(rows: T[]) => ({ items: rows.slice(0, limit), hasMore: rows.length > limit });
  return s.searches.run(t.instance.id, gone, () => readTogether(s.pool, { instanceId: t.instance.id, userId: t.membership.userId }, async (tx) => {
    // Started together, the plan setting first: with BEGIN, the scope and COMMIT, one write and one round trip
    // for the whole search (readTogether; decision 0011).
    const [, posts, messages, files, people, groups] = await Promise.all([
      tx.prepared('search-plans', PLANNED_ONCE),
      wanted('posts') ? searchPosts(tx, reader, parsed, filters, limit + 1, offset) : [],
      wanted('messages') ? searchMessages(tx, reader, parsed, filters, limit + 1, offset) : [],
      wanted('files') ? searchFiles(tx, reader, parsed, filters, limit + 1, offset, raw) : [],
      wanted('people') && raw.length >= 2 ? searchPeople(tx, reader, raw, limit + 1, offset) : [],
      wanted('groups') && raw.length >= 2 ? searchGroups(tx, reader, raw, limit + 1, offset) : [],
    ]);
    return {
      posts: section(posts.map(presentTextHit)), messages: section(messages.map(presentTextHit)), files: section(files.map(presentTextHit)),
      people: section(people), groups: section(groups),
    };
  }));
}
