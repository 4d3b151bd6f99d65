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
  }, async (request) => searchEverything(s, tenantOf(request), request.query));
}
