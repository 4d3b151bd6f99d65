// HTTP route of search (docs/search.md).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { tenantOf } from '../../http/context.ts';
import { problemResponses } from '../../http/schemas.ts';
import type { Services } from '../../services.ts';
import { SlugParams } from '../instances/schemas.ts';
import { searchEverything } from './reads.ts';
import { SearchAnswer, SearchQuery } from './schemas.ts';

export async function searchRoutes(root: FastifyInstance, s: Services): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/i/:slug/search', {
    schema: {
      tags: ['search'], summary: 'Search posts and comments, messages, files, people and groups the caller may open',
      params: SlugParams, querystring: SearchQuery, response: { 200: SearchAnswer, ...problemResponses },
    },
  }, async (request, reply) => {
    // The palette drops a search when the next letter is typed: once its client has left, a search still
    // waiting its turn leaves the line (turns.ts).
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded) gone.abort();
    });
    return searchEverything(s, tenantOf(request), request.query, gone.signal);
  });
}
