// Posts and the feeds that list them: home, one group, one person, my
// bookmarks; publishing, editing, pinning, bookmarking and reacting.
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, segment } from './client';
import type { Post, PostRevision, Reaction } from './post-types';
import type { ItemList, Page } from './types';

const FEED_PAGE_SIZE = 20;

function instancePath(slug: string): string {
  return `/i/${segment(slug)}`;
}

function postPath(slug: string, postId: string): string {
  return `${instancePath(slug)}/posts/${segment(postId)}`;
}

/** The home feed, or one group's posts with `groupId` (only its pinned ones with `pinned`). */
export function listFeed(
  slug: string,
  options: { cursor: string | null; groupId?: string; pinned?: boolean; limit?: number },
): Promise<Page<Post>> {
  return apiGet<Page<Post>>(`${instancePath(slug)}/feed`, {
    limit: options.limit ?? FEED_PAGE_SIZE,
    cursor: options.cursor,
    groupId: options.groupId,
    pinned: options.pinned ? 'true' : undefined,
  });
}

export function listBookmarks(slug: string, cursor: string | null): Promise<Page<Post>> {
  return apiGet<Page<Post>>(`${instancePath(slug)}/bookmarks`, { limit: FEED_PAGE_SIZE, cursor });
}

export function listPersonPosts(slug: string, userId: string, cursor: string | null): Promise<Page<Post>> {
  return apiGet<Page<Post>>(`${instancePath(slug)}/people/${segment(userId)}/posts`, {
    limit: FEED_PAGE_SIZE,
    cursor,
  });
}

/** Publishes in a group, or on the author's profile when `groupId` is null, with my pending attachments in order. */
export function createPost(slug: string, input: { groupId: string | null; body: string; attachmentIds?: string[] }): Promise<Post> {
  return apiPost<Post>(`${instancePath(slug)}/posts`, {
    ...(input.groupId ? { groupId: input.groupId } : {}),
    body: input.body,
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
  });
}

export function fetchPost(slug: string, postId: string): Promise<Post> {
  return apiGet<Post>(postPath(slug, postId));
}

export function editPost(slug: string, postId: string, body: string): Promise<Post> {
  return apiPatch<Post>(postPath(slug, postId), { body });
}

export function deletePost(slug: string, postId: string): Promise<void> {
  return apiDelete(postPath(slug, postId));
}

export function listRevisions(slug: string, postId: string): Promise<ItemList<PostRevision>> {
  return apiGet<ItemList<PostRevision>>(`${postPath(slug, postId)}/revisions`);
}

export function setPinned(slug: string, postId: string, pinned: boolean): Promise<void> {
  return apiPut(`${postPath(slug, postId)}/pin`, { pinned });
}

export function setBookmarked(slug: string, postId: string, bookmarked: boolean): Promise<void> {
  const path = `${postPath(slug, postId)}/bookmark`;
  return bookmarked ? apiPut(path) : apiDelete(path);
}

export function setReaction(
  slug: string,
  postId: string,
  reaction: Reaction,
  on: boolean,
): Promise<void> {
  const path = `${postPath(slug, postId)}/reactions/${segment(reaction)}`;
  return on ? apiPut(path) : apiDelete(path);
}

export function setFollowing(slug: string, userId: string, following: boolean): Promise<void> {
  const path = `${instancePath(slug)}/people/${segment(userId)}/follow`;
  return following ? apiPut(path) : apiDelete(path);
}
