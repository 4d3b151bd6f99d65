// Post and comment text: a safe subset of Markdown, rendered on the server
// once (at write time) and sanitised with an allow-list, so what the client
// inserts as HTML cannot carry script, style, event handlers or javascript:
// links whatever the author typed. Mentions are written `<@user-id>` (people)
// and `<#group-id>` (groups) by the composer and rendered as links with the
// current name.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

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

/** Markdown-escapes a name so it cannot open a link or emphasis of its own. */
function escapeLabel(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

export interface MentionNames {
  users: Map<string, string>;
  groups: Map<string, string>;
}

/** Renders Markdown to sanitised HTML; mention tokens must all be resolved in `names`. */
export function renderBody(body: string, slug: string, names: MentionNames): string {
  const withLinks = body
    .replace(USER_MENTION, (_m, id: string) => `[@${escapeLabel(names.users.get(id) ?? 'unknown')}](/i/${slug}/people/${id})`)
    .replace(GROUP_MENTION, (_m, id: string) => `[#${escapeLabel(names.groups.get(id) ?? 'unknown')}](/i/${slug}/groups/${id})`);
  const html = markdown.render(withLinks)
    .replace(/<a href="\/i\/[^"]+\/people\/[^"]+"/g, '$& class="mention"')
    .replace(/<a href="\/i\/[^"]+\/groups\/[^"]+"/g, '$& class="mention-group"');
  return sanitizeHtml(html, SANITIZE).trim();
}
