// HTTP routes of the feed: pages of posts, posts, comments, reactions, pins,
// bookmarks and follows.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { NoContent, problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { bookmark, createComment, createPost, editComment, editPost, follow, pinPost, react, removeComment, removePost } from './actions.ts';
import { readBookmarks, readComments, readFeed, readPost, readRevisions } from './reads.ts';
import {
  Comment, CommentList, CommentParams, CreateCommentBody, CreatePostBody, EditCommentBody, EditPostBody, FeedQuery, PageQuery,
  PersonParams, PinBody, Post, PostPage, PostParams, ReactionParams, RevisionList,
} from './schemas.ts';

const tags = ['feed'];
const done = (reply: FastifyReply) => reply.code(204).send(null);

export async function feedRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/i/:slug';

  app.get(`${base}/feed`, {
    schema: { tags, summary: "Home feed (my groups, followed people), or one group's posts with groupId", params: SlugParams, querystring: FeedQuery, response: { 200: PostPage, ...problemResponses } },
  }, async (request) => readFeed(s, tenantOf(request), request.query));

  app.get(`${base}/people/:userId/posts`, {
    schema: { tags, summary: "A person's posts that I can read", params: PersonParams, querystring: PageQuery, response: { 200: PostPage, ...problemResponses } },
  }, async (request) => readFeed(s, tenantOf(request), request.query, request.params.userId));

  app.put(`${base}/people/:userId/follow`, {
    schema: { tags, summary: 'Follow a person', params: PersonParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await follow(s, tenantOf(request), request.params.userId, true);
    return done(reply);
  });

  app.delete(`${base}/people/:userId/follow`, {
    schema: { tags, summary: 'Stop following a person', params: PersonParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await follow(s, tenantOf(request), request.params.userId, false);
    return done(reply);
  });

  app.get(`${base}/bookmarks`, {
    schema: { tags, summary: 'My bookmarked posts', params: SlugParams, querystring: PageQuery, response: { 200: PostPage, ...problemResponses } },
  }, async (request) => readBookmarks(s, tenantOf(request), request.query));

  app.post(`${base}/posts`, {
    schema: { tags, summary: 'Publish a post in a group, or on my profile without groupId', params: SlugParams, body: CreatePostBody, response: { 201: Post, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const id = await createPost(s, t, request.body);
    return reply.code(201).send(await readPost(s, t, id));
  });

  app.get(`${base}/posts/:postId`, {
    schema: { tags, summary: 'A post', params: PostParams, response: { 200: Post, ...problemResponses } },
  }, async (request) => readPost(s, tenantOf(request), request.params.postId));

  app.patch(`${base}/posts/:postId`, {
    schema: { tags, summary: 'Edit my post (the previous text is kept in its history)', params: PostParams, body: EditPostBody, response: { 200: Post, ...problemResponses } },
  }, async (request) => {
    const t = tenantOf(request);
    await editPost(s, t, request.params.postId, request.body.body);
    return readPost(s, t, request.params.postId);
  });

  app.delete(`${base}/posts/:postId`, {
    schema: { tags, summary: 'Delete a post (its author or a moderator)', params: PostParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removePost(s, tenantOf(request), request.params.postId);
    return done(reply);
  });

  app.get(`${base}/posts/:postId/revisions`, {
    schema: { tags, summary: 'Earlier versions of an edited post', params: PostParams, response: { 200: RevisionList, ...problemResponses } },
  }, async (request) => ({ items: await readRevisions(s, tenantOf(request), request.params.postId) }));

  app.put(`${base}/posts/:postId/pin`, {
    schema: { tags, summary: 'Pin or unpin a post in its group (group administrators)', params: PostParams, body: PinBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await pinPost(s, tenantOf(request), request.params.postId, request.body.pinned);
    return done(reply);
  });

  app.put(`${base}/posts/:postId/bookmark`, {
    schema: { tags, summary: 'Bookmark a post', params: PostParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await bookmark(s, tenantOf(request), request.params.postId, true);
    return done(reply);
  });

  app.delete(`${base}/posts/:postId/bookmark`, {
    schema: { tags, summary: 'Remove a bookmark', params: PostParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await bookmark(s, tenantOf(request), request.params.postId, false);
    return done(reply);
  });

  app.put(`${base}/posts/:postId/reactions/:emoji`, {
    schema: { tags, summary: 'Add my reaction', params: ReactionParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await react(s, tenantOf(request), request.params.postId, request.params.emoji, true);
    return done(reply);
  });

  app.delete(`${base}/posts/:postId/reactions/:emoji`, {
    schema: { tags, summary: 'Remove my reaction', params: ReactionParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await react(s, tenantOf(request), request.params.postId, request.params.emoji, false);
    return done(reply);
  });

  app.get(`${base}/posts/:postId/comments`, {
    schema: { tags, summary: "A post's comments and replies, oldest first", params: PostParams, response: { 200: CommentList, ...problemResponses } },
  }, async (request) => ({ items: await readComments(s, tenantOf(request), request.params.postId) }));

  app.post(`${base}/posts/:postId/comments`, {
    schema: { tags, summary: 'Comment on a post, or reply to a comment with parentId', params: PostParams, body: CreateCommentBody, response: { 201: Comment, ...problemResponses } },
  }, async (request, reply) => {
    const t = tenantOf(request);
    const id = await createComment(s, t, request.params.postId, request.body);
    const all = await readComments(s, t, request.params.postId);
    return reply.code(201).send(all.find((c) => c.id === id)!);
  });

  app.patch(`${base}/posts/:postId/comments/:commentId`, {
    schema: { tags, summary: 'Edit my comment', params: CommentParams, body: EditCommentBody, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await editComment(s, tenantOf(request), request.params.postId, request.params.commentId, request.body.body);
    return done(reply);
  });

  app.delete(`${base}/posts/:postId/comments/:commentId`, {
    schema: { tags, summary: 'Delete a comment (its author or a moderator)', params: CommentParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removeComment(s, tenantOf(request), request.params.postId, request.params.commentId);
    return done(reply);
  });
}
