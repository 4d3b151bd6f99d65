// Generated work chat for the search benchmark: chat messages, feed posts,
// comments and file names in French or English, from the templates of
// vocabulary.ts, with names, amounts, dates, versions and invoice numbers,
// and the sloppiness of real chat (typos, accents left out, no capital).
// Deterministic: the same Random gives the same text.
import type { Random } from './random.ts';
import {
  CHAT, CHATTER, CLIENTS, DAYS, FILE_STEMS, FILE_TYPES, FIRST_NAMES, LAST_NAMES, MONTHS, POST_TITLES, PROBLEMS, PROJECTS, SHORT, STATUS, TEAMS, THINGS,
  type Lang,
} from './vocabulary.ts';

const cumulativeOf = (templates: ReadonlyArray<readonly [number, string]>) => {
  let total = 0;
  return templates.map(([weight]) => (total += weight));
};
// Chatter weighs about twice the work templates together: a searched word is in a few % of messages.
const withChatter = (lang: Lang) => [...CHAT[lang], ...CHATTER[lang].map((text) => [6, text] as const)];
const SENTENCES: Record<Lang, ReadonlyArray<readonly [number, string]>> = { fr: withChatter('fr'), en: withChatter('en') };
const SENTENCE_WEIGHTS: Record<Lang, number[]> = { fr: cumulativeOf(SENTENCES.fr), en: cumulativeOf(SENTENCES.en) };

const ACCENTS: Record<string, string> = { à: 'a', â: 'a', ç: 'c', é: 'e', è: 'e', ê: 'e', ë: 'e', î: 'i', ï: 'i', ô: 'o', û: 'u', ù: 'u', ü: 'u' };

export function personName(r: Random, lang: Lang): string {
  return `${r.pick(FIRST_NAMES[lang])} ${r.pick(LAST_NAMES[lang])}`;
}

function amount(r: Random, lang: Lang): string {
  const value = r.chance(0.5) ? 500 * r.between(1, 200) : 1000 * r.between(1, 900);
  if (lang === 'fr') return r.chance(0.2) ? `${(value / 1000).toFixed(1).replace('.', ',')} k€` : `${value.toLocaleString('fr-FR').replace(/\s/g, ' ')} €`;
  return r.chance(0.2) ? `£${(value / 1000).toFixed(1)}k` : `$${value.toLocaleString('en-US')}`;
}

function time(r: Random, lang: Lang): string {
  const hour = r.between(8, 18);
  const minutes = r.pick(['00', '00', '15', '30', '45']);
  if (lang === 'fr') return minutes === '00' ? `${hour}h` : `${hour}h${minutes}`;
  const h12 = hour > 12 ? hour - 12 : hour;
  return `${h12}${minutes === '00' ? '' : `:${minutes}`}${hour >= 12 ? 'pm' : 'am'}`;
}

function date(r: Random, lang: Lang): string {
  const day = r.between(1, 28);
  const month = r.int(12);
  if (r.chance(0.4)) return `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}`;
  return lang === 'fr' ? `${day} ${MONTHS.fr[month]}` : `${MONTHS.en[month]} ${day}`;
}

/** One slot's value. */
function fill(r: Random, lang: Lang, slot: string): string {
  switch (slot) {
    case 'name': case 'name2': return r.chance(0.7) ? r.pick(FIRST_NAMES[lang]) : personName(r, lang);
    case 'client': return r.pick(CLIENTS);
    case 'project': return r.pick(PROJECTS);
    case 'day': case 'day2': return r.pick(DAYS[lang]);
    case 'time': return time(r, lang);
    case 'date': case 'date2': return date(r, lang);
    case 'amount': case 'amount2': return amount(r, lang);
    case 'invoice': return lang === 'fr' ? `F-${r.between(2023, 2026)}-${String(r.between(1, 9999)).padStart(4, '0')}` : `INV-${r.between(10000, 99999)}`;
    case 'month': return r.pick(MONTHS[lang]);
    case 'status': return r.pick(STATUS[lang]);
    case 'thing': return r.pick(THINGS[lang]);
    case 'version': return `v${r.between(1, 6)}.${r.between(0, 20)}${r.chance(0.5) ? `.${r.between(0, 9)}` : ''}`;
    case 'problem': return r.pick(PROBLEMS[lang]);
    case 'room': return r.chance(0.5) ? r.pick(PROJECTS) : `${r.pick(['A', 'B', 'C'])}${r.between(101, 420)}`;
    case 'team': return r.pick(TEAMS[lang]);
    case 'pct': return String(r.between(2, 40));
    case 'quarter': return String(r.between(1, 4));
    case 'year': return String(r.between(2024, 2026));
    case 'minutes': return String(5 * r.between(1, 6));
    case 'floor': return lang === 'fr' ? `${r.between(2, 6)}e` : r.pick(['2nd', '3rd', '4th', '5th']);
    default: throw new Error(`no such slot {${slot}}`);
  }
}

function render(r: Random, lang: Lang, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => fill(r, lang, slot));
}

function chatSentence(r: Random, lang: Lang): string {
  return render(r, lang, SENTENCES[lang][r.weighted(SENTENCE_WEIGHTS[lang])]![1]);
}

/** A typo in one word: two letters swapped, one dropped or one doubled. */
function misspell(r: Random, word: string): string {
  const i = r.between(1, word.length - 2);
  switch (r.int(3)) {
    case 0: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    default: return word.slice(0, i) + word[i] + word.slice(i);
  }
}

/** How people actually type in chat: some typos, sometimes no accents, no capital, no final stop. */
function sloppy(r: Random, text: string): string {
  let out = text.replace(/[\p{L}]{5,}/gu, (word) => (r.chance(0.015) ? misspell(r, word) : word));
  if (r.chance(0.08)) out = out.replace(/[àâçéèêëîïôûùü]/g, (c) => ACCENTS[c] ?? c);
  if (r.chance(0.2)) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (r.chance(0.1)) out = out.replace(/[.!]$/, '');
  return out;
}

/** A chat message: mostly one sentence, sometimes two, sometimes just "ok 👍". */
export function chatMessage(r: Random, lang: Lang): string {
  if (r.chance(0.12)) return r.pick(SHORT[lang]);
  const text = r.chance(0.25) ? `${chatSentence(r, lang)} ${chatSentence(r, lang)}` : chatSentence(r, lang);
  return sloppy(r, text);
}

/** A feed post: a title line, a few sentences, sometimes a list. */
export function postBody(r: Random, lang: Lang): string {
  const lines = [render(r, lang, r.pick(POST_TITLES[lang])), ''];
  const sentences = Array.from({ length: r.between(2, 6) }, () => chatSentence(r, lang));
  lines.push(sentences.join(' '));
  if (r.chance(0.3)) {
    lines.push('');
    for (let i = r.between(2, 4); i > 0; i--) lines.push(`- ${render(r, lang, '{thing}')} : ${render(r, lang, '{status}')}`);
  }
  if (r.chance(0.15)) lines.push('', r.pick(SHORT[lang]));
  return lines.join('\n');
}

/** A comment under a post. */
export function commentBody(r: Random, lang: Lang): string {
  return r.chance(0.4) ? r.pick(SHORT[lang]) : sloppy(r, chatSentence(r, lang));
}

/** A file name and its media type, e.g. "Budget Atlas 2025 v2.xlsx". */
export function fileName(r: Random, lang: Lang): { name: string; mediaType: string } {
  const [extension, mediaType] = r.pick(FILE_TYPES);
  const about = r.pick([() => r.pick(PROJECTS), () => r.pick(CLIENTS), () => `${r.pick(MONTHS[lang])} ${r.between(2023, 2026)}`, () => String(r.between(2023, 2026))])();
  const version = r.chance(0.3) ? ` v${r.between(2, 9)}` : r.chance(0.1) ? ' (final)' : '';
  return { name: `${r.pick(FILE_STEMS[lang])} ${about}${version}.${extension}`, mediaType };
}

/** The text of a document (what extraction finds in a PDF, an Office file or a text file): a title and a few paragraphs, 1 to 4 KB. */
export function documentText(r: Random, lang: Lang): string {
  const paragraphs = [render(r, lang, r.pick(POST_TITLES[lang])).replace(/\*\*/g, '')];
  for (let i = r.between(3, 10); i > 0; i--) paragraphs.push(Array.from({ length: r.between(2, 5) }, () => chatSentence(r, lang)).join(' '));
  return paragraphs.join('\n\n');
}
