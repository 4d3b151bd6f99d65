// Mentions are written in the Markdown source as <@userId> (people) and
// <#groupId> (groups); the server resolves them. These helpers read them
// back and match people by name for the suggestion list.
import type { MentionCandidate } from './mention-source';

const PERSON_TOKEN = /<@([0-9a-fA-F-]{36})>/g;

/** The ids of the people a text mentions, each once, in order. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(PERSON_TOKEN)].map((match) => match[1] ?? ''))];
}

export function mentionToken(userId: string): string {
  return `<@${userId}>`;
}

/** What the user is typing after an "@" right before the caret, if anything. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@<>]{0,40})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** People whose name has a word starting with the query ("dur" finds Bob Durand). */
export function matchCandidates(
  candidates: readonly MentionCandidate[],
  query: string,
  limit = 8,
): MentionCandidate[] {
  const wanted = fold(query);
  return candidates
    .filter((candidate) =>
      fold(candidate.displayName)
        .split(/\s+/)
        .some((word) => word.startsWith(wanted)) || fold(candidate.displayName).startsWith(wanted),
    )
    .slice(0, limit);
}

/** Names of the people a rendered post mentions, read from its sanitised HTML. */
export function mentionNamesFromHtml(html: string): Record<string, string> {
  const names: Record<string, string> = {};
  const document = new DOMParser().parseFromString(html, 'text/html');
  for (const link of document.querySelectorAll('a.mention')) {
    const userId = link.getAttribute('href')?.split('/').pop();
    if (userId) names[userId] = (link.textContent ?? '').replace(/^@/, '');
  }
  return names;
}
