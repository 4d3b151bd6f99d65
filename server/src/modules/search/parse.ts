// What a person types into the search box, taken apart before any SQL sees
// it: "quoted phrases", -exclusions (a word or a quoted phrase), and words.
// The last bare word is the one being typed: it also matches as a prefix
// ("réun" finds "réunion"). Nothing here becomes tsquery syntax by string
// concatenation except the prefix word, which is one only when it is made of
// letters and digits alone: the rest goes to websearch_to_tsquery / phraseto_tsquery,
// which never fail on their input.

export interface ParsedQuery {
  /** Words and quoted phrases that must match, in websearch syntax (without the prefix word). */
  must: string;
  /** The word being typed, letters and digits only; matched as a prefix or stemmed. */
  prefix: string | null;
  /** Words or phrases that must not appear. */
  exclude: string[];
}

const TOKEN = /(-?)"([^"]*)"?|(-?)(\S+)/g;
const MAX_TERMS = 16;

/** The text as searched: compatibility forms folded, control characters gone. */
export function normalizeText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.normalize('NFKC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

export function parseQuery(raw: string): ParsedQuery {
  const text = normalizeText(raw);
  const must: string[] = [];
  const exclude: string[] = [];
  let prefix: string | null = null;
  const tokens = [...text.matchAll(TOKEN)].slice(0, MAX_TERMS);
  tokens.forEach((match, index) => {
    const [, quotedNot, phrase, wordNot, word] = match;
    if (phrase !== undefined) {
      const clean = phrase.replace(/"/g, '').trim();
      if (!clean) return;
      if (quotedNot) exclude.push(clean);
      else must.push(`"${clean}"`);
      return;
    }
    const bare = (word ?? '').replace(/"/g, '');
    if (!bare || bare === '-') return;
    if (wordNot && bare.length > 0) {
      exclude.push(bare);
      return;
    }
    const isLast = index === tokens.length - 1;
    // The word being typed (the last one, unless the text ends with a space) is a prefix. A compound such as
    // "compte-rendu", a code such as "F-2024-5234" or "v3.2" is not cut down to its letters: it is searched as typed.
    const plain = /^[\p{L}\p{N}]+$/u.test(bare);
    if (isLast && !/\s$/.test(raw) && plain) prefix = bare.toLowerCase();
    else must.push(bare);
  });
  return { must: must.join(' '), prefix, exclude };
}

export const isEmpty = (q: ParsedQuery) => q.must === '' && q.prefix === null;
