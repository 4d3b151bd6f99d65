// Post and comment text: a safe subset of Markdown, rendered on the server
// once (at write time) and sanitised with an allow-list, so what the client
// inserts as HTML cannot carry script, style, event handlers or javascript:
// links whatever the author typed. Mentions are written `<@user-id>` (people)
// and `<#group-id>` (groups) by the composer and rendered as links with the
// name the person or group has when the text is written.
import MarkdownIt, { type StateInline } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr'],
  allowedAttributes: { a: ['href', 'class', 'rel', 'target'], ol: ['start'] },
  allowedClasses: { a: ['mention', 'mention-group'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    // Markdown headings are demoted so a post cannot shout over the page.
    h1: 'h3', h2: 'h4',
    a: (tagName, attribs) => {
      const internal = attribs.href?.startsWith('/') ?? false;
      return {
        tagName,
        attribs: internal ? attribs : { ...attribs, rel: 'noopener noreferrer nofollow ugc', target: '_blank' },
      };
    },
  },
};

const MENTION_HERE = /<([@#])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/y;

interface MentionEnv {
  slug: string;
  names: MentionNames;
}

/**
 * `<@id>` and `<#id>` become links built here, as tokens: the name is text
 * (never parsed as Markdown, whatever it holds), and only these links get the
 * mention classes, so a hand-written link to a profile cannot pass for one.
 * Inside a link's text a mention is plain text, as links do not nest.
 */
function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  MENTION_HERE.lastIndex = state.pos;
  const match = MENTION_HERE.exec(state.src);
  if (!match || state.pos + match[0].length > state.posMax) return false;
  if (!silent) {
    const { slug, names } = state.env as unknown as MentionEnv;
    const person = match[1] === '@';
    const id = match[2]!;
    const name = (person ? names.users : names.groups).get(id) ?? 'unknown';
    const inLink = ((state as unknown as { linkLevel?: number }).linkLevel ?? 0) > 0;
    if (!inLink) {
      state.push('link_open', 'a', 1).attrs = [['href', `/i/${slug}/${person ? 'people' : 'groups'}/${id}`], ['class', person ? 'mention' : 'mention-group']];
    }
    state.push('text', '', 0).content = `${match[1]}${name.replace(/\s+/g, ' ')}`;
    if (!inLink) state.push('link_close', 'a', -1);
  }
  state.pos += match[0].length;
  return true;
}

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
markdown.inline.ruler.before('autolink', 'mention', mentionRule);

const USER_MENTION = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/g;
const GROUP_MENTION = /<#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/g;

export interface Mentions {
  userIds: string[];
  groupIds: string[];
}

export function findMentions(body: string): Mentions {
  return {
    userIds: [...new Set([...body.matchAll(USER_MENTION)].map((m) => m[1]!))],
    groupIds: [...new Set([...body.matchAll(GROUP_MENTION)].map((m) => m[1]!))],
  };
}

export interface MentionNames {
  users: Map<string, string>;
  groups: Map<string, string>;
}

/** Renders Markdown to sanitised HTML; mention tokens must all be resolved in `names`. */
export function renderBody(body: string, slug: string, names: MentionNames): string {
  return sanitizeHtml(markdown.render(body, { slug, names } satisfies MentionEnv), SANITIZE).trim();
}
