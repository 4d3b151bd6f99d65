// Who searches and what they type, in the search benchmark. Searchers are
// active members drawn evenly from all people (so most come from the big
// instances, as in life), each with the conversations and groups they are
// in. Each query shape is a kind of search people make, with words of the
// searcher's language from the generated text (vocabulary.ts); the filtered
// shapes use the searcher's own busiest conversations and groups.
import type pg from 'pg';
import type { TenantContext } from '../../server/src/http/context.ts';
import type { SearchRequest } from '../../server/src/modules/search/reads.ts';
import type { Lang } from './vocabulary.ts';

export interface Searcher { tenant: TenantContext; lang: Lang; conversations: string[]; groups: string[] }

export interface Shape {
  name: string;
  /** What the shape stands for, and an example of what is sent. */
  about: string;
  request(searcher: Searcher, i: number): SearchRequest;
}

/** Active members with at least one conversation and one group; their five busiest of each. */
export async function pickSearchers(db: pg.ClientBase, count: number): Promise<Searcher[]> {
  const { rows } = await db.query(`
    SELECT i.id, i.slug, i.name, i.default_locale AS "defaultLocale", i.status, i.created_at AS "createdAt",
      m.user_id AS "userId", m.role, m.status AS "memberStatus", m.created_at AS "memberSince", u.locale,
      (SELECT array_agg(id) FROM (SELECT cm.conversation_id AS id FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id
        WHERE cm.user_id = m.user_id AND cm.left_at IS NULL AND c.last_message_seq > 0 ORDER BY c.last_message_seq DESC, c.id LIMIT 5) x) AS conversations,
      (SELECT array_agg(id) FROM (SELECT gm.group_id AS id FROM group_members gm
        WHERE gm.user_id = m.user_id ORDER BY (SELECT count(*) FROM posts p WHERE p.group_id = gm.group_id) DESC, gm.group_id LIMIT 5) x) AS groups
    FROM memberships m JOIN users u ON u.id = m.user_id JOIN instances i ON i.id = m.instance_id
    WHERE m.status = 'active'
      AND EXISTS (SELECT 1 FROM conversation_members cm WHERE cm.user_id = m.user_id AND cm.left_at IS NULL)
      AND EXISTS (SELECT 1 FROM group_members gm WHERE gm.user_id = m.user_id)
    ORDER BY md5(m.user_id::text) LIMIT $1`, [count]);
  return rows.map((r) => ({
    tenant: {
      instance: { id: r.id, slug: r.slug, name: r.name, defaultLocale: r.defaultLocale, status: r.status, createdAt: r.createdAt },
      membership: { instanceId: r.id, userId: r.userId, role: r.role, status: r.memberStatus, createdAt: r.memberSince },
    },
    lang: r.locale as Lang,
    conversations: r.conversations ?? [],
    groups: r.groups ?? [],
  }));
}

type Words = Record<Lang, readonly string[]>;
const WORDS: Words = {
  fr: ['réunion', 'budget', 'livraison', 'facture', 'planning', 'client', 'devis', 'recette', 'contrat', 'merci'],
  en: ['meeting', 'budget', 'delivery', 'invoice', 'deadline', 'release', 'contract', 'customer', 'schedule', 'thanks'],
};
const PREFIXES: Words = {
  fr: ['réun', 'budg', 'livr', 'fact', 'plann', 'devi', 'recet', 'contr'],
  en: ['meet', 'budg', 'deliv', 'invo', 'deadl', 'relea', 'contr', 'sched'],
};
const TWO_WORDS: Words = {
  fr: ['livraison client', 'budget marketing', 'réunion planning', 'facture paiement', 'release prod'],
  en: ['customer delivery', 'marketing budget', 'meeting notes', 'invoice payment', 'release tests'],
};
const PHRASES: Words = {
  fr: ['"plan de charge"', '"comité de pilotage"', '"note de frais"', '"tableau de bord"'],
  en: ['"action items"', '"staging server"', '"expense reports"', '"meeting notes"'],
};
const EXCLUSIONS: Words = {
  fr: ['réunion -annulée', 'budget -marketing', 'livraison -retard', 'facture -relance'],
  en: ['meeting -cancelled', 'budget -marketing', 'delivery -issue', 'invoice -overdue'],
};
const RARE: Words = { fr: ['kubernetes', 'Zanzibar', 'ornithorynque'], en: ['kubernetes', 'Zanzibar', 'platypus'] };

/** How common the searched words are: the share of each language's messages (by instance language) holding each of them, as a substring. */
export async function wordShares(db: pg.ClientBase): Promise<string> {
  const parts: string[] = [];
  for (const lang of ['fr', 'en'] as const) {
    const words = WORDS[lang];
    const { rows: [row] } = await db.query(`SELECT count(*)::float8 AS n, ${words.map((_, i) => `count(*) FILTER (WHERE lower(m.body) LIKE $${i + 2})::float8 AS w${i}`).join(', ')}
      FROM messages m JOIN instances i ON i.id = m.instance_id WHERE i.default_locale = $1`, [lang, ...words.map((w) => `%${w}%`)]);
    parts.push(`${lang === 'fr' ? 'French' : 'English'} instances' messages: ${words.map((w, i) => `${w} ${((100 * row[`w${i}`]) / row.n).toFixed(1)}%`).join(', ')}`);
  }
  return parts.join('; ');
}

const at = <T>(items: readonly T[], i: number) => items[i % items.length]!;
/** A whole word: the text ends with a space, so the word is not matched as a prefix (parse.ts). */
const word = (s: Searcher, i: number) => `${at(WORDS[s.lang], i)} `;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const SHAPES: Shape[] = [
  { name: 'one word', about: 'a whole common word, every kind: q="budget " (trailing space: no prefix)', request: (s, i) => ({ q: word(s, i) }) },
  { name: 'prefix', about: 'a word being typed, every kind: q="réun"', request: (s, i) => ({ q: at(PREFIXES[s.lang], i) }) },
  { name: 'two words', about: 'a word and a word being typed, every kind: q="livraison client"', request: (s, i) => ({ q: at(TWO_WORDS[s.lang], i) }) },
  { name: 'phrase', about: 'a quoted phrase, every kind: q="\\"plan de charge\\""', request: (s, i) => ({ q: at(PHRASES[s.lang], i) }) },
  { name: 'exclusion', about: 'a word minus a word, every kind: q="réunion -annulée"', request: (s, i) => ({ q: at(EXCLUSIONS[s.lang], i) }) },
  { name: 'no match', about: 'a word found nowhere, every kind: q="kubernetes"', request: (s, i) => ({ q: at(RARE[s.lang], i) }) },
  { name: 'messages page', about: 'kind=messages, a whole common word, 20 results', request: (s, i) => ({ q: word(s, i), kind: 'messages' }) },
  { name: 'posts page', about: 'kind=posts, a whole common word, 20 results', request: (s, i) => ({ q: word(s, i), kind: 'posts' }) },
  { name: 'in a conversation', about: 'kind=messages&conversationId= one of the searcher\'s 5 busiest, a common word', request: (s, i) => ({ q: word(s, i), kind: 'messages', conversationId: at(s.conversations, i) }) },
  { name: 'in a group', about: 'kind=posts&groupId= one of the searcher\'s 5 busiest groups, a common word', request: (s, i) => ({ q: word(s, i), kind: 'posts', groupId: at(s.groups, i) }) },
  { name: 'last 30 days', about: 'from=30 days ago&to=today, a common word, every kind', request: (s, i) => ({ q: word(s, i), from: day(-30), to: day(0) }) },
  { name: 'with a file', about: 'kind=messages&hasAttachment=true, a common word', request: (s, i) => ({ q: word(s, i), kind: 'messages', hasAttachment: true }) },
];
