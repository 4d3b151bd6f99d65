// The shapes of posts, comments and their history, as the feed API returns
// them. `html` is rendered and sanitised by the server: it is the only thing
// ever inserted as HTML.
import type { Attachment } from './attachment-types';

/** The reactions the server accepts, in the order the reaction bar shows them. */
export const REACTIONS = ['like', 'love', 'laugh', 'celebrate', 'wow', 'sad', 'thanks', 'eyes'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Posts are Markdown of at most this many characters; comments are shorter. */
export const POST_MAX_LENGTH = 20000;
export const COMMENT_MAX_LENGTH = 5000;

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface Post {
  id: string;
  /** null for a post on the author's profile. */
  group: GroupRef | null;
  author: PersonRef;
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  pinned: boolean;
  /** Counts by reaction name; reactions nobody gave are absent. */
  reactions: Partial<Record<string, number>>;
  myReactions: string[];
  commentCount: number;
  bookmarked: boolean;
  /** In the order the author attached them. */
  attachments: Attachment[];
}

export interface PostComment {
  id: string;
  /** The comment this one replies to; replies go one level deep. */
  parentId: string | null;
  author: PersonRef;
  body: string;
  html: string;
  createdAt: string;
  editedAt: string | null;
  attachments: Attachment[];
}

export interface PostRevision {
  body: string;
  replacedAt: string;
}
