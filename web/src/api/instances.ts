// Instances (tenants): creation, the caller's view of one, its settings.
import { apiGet, apiPatch, apiPost, segment } from './client';
import type { Locale, MyInstance } from './types';

export function createInstance(input: {
  name: string;
  slug: string;
  defaultLocale: Locale;
}): Promise<MyInstance> {
  return apiPost<MyInstance>('/instances', input);
}

export function fetchInstance(slug: string): Promise<MyInstance> {
  return apiGet<MyInstance>(`/i/${segment(slug)}`);
}

export function updateInstance(
  slug: string,
  changes: { name?: string; defaultLocale?: Locale },
): Promise<MyInstance> {
  return apiPatch<MyInstance>(`/i/${segment(slug)}`, changes);
}
