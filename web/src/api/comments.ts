// Comments on a post and replies to them (one level deep).
import { apiDelete, apiGet, apiPatch, apiPost, segment } from './client';
import type { PostComment } from './post-types';
import type { ItemList } from './types';

function commentsPath(slug: string, postId: string, commentId?: string): string {
  const base = `/i/${segment(slug)}/posts/${segment(postId)}/comments`;
  return commentId === undefined ? base : `${base}/${segment(commentId)}`;
}

/** All of a post's comments and replies, oldest first. */
export function listComments(slug: string, postId: string): Promise<ItemList<PostComment>> {
  return apiGet<ItemList<PostComment>>(commentsPath(slug, postId));
}

export function createComment(
  slug: string,
  postId: string,
  input: { body: string; parentId: string | null; attachmentIds?: string[] },
): Promise<PostComment> {
  return apiPost<PostComment>(commentsPath(slug, postId), {
    body: input.body,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
  });
}

/** The server answers 204: the caller reloads the thread to get the new rendering. */
export function editComment(slug: string, postId: string, commentId: string, body: string): Promise<void> {
  return apiPatch<void>(commentsPath(slug, postId, commentId), { body });
}

export function deleteComment(slug: string, postId: string, commentId: string): Promise<void> {
  return apiDelete(commentsPath(slug, postId, commentId));
}
