// Personal API tokens, scoped to one instance and owned by the caller.
import { apiDelete, apiGet, apiPost, segment } from './client';
import type { ApiToken, CreatedApiToken, ItemList, TokenScope } from './types';

function tokensPath(slug: string): string {
  return `/i/${segment(slug)}/tokens`;
}

export function listApiTokens(slug: string): Promise<ItemList<ApiToken>> {
  return apiGet<ItemList<ApiToken>>(tokensPath(slug));
}

export function createApiToken(
  slug: string,
  input: { name: string; scopes: TokenScope[]; expiresInDays: number },
): Promise<CreatedApiToken> {
  return apiPost<CreatedApiToken>(tokensPath(slug), input);
}

export function revokeApiToken(slug: string, tokenId: string): Promise<void> {
  return apiDelete(`${tokensPath(slug)}/${segment(tokenId)}`);
}
