// People: the directory, profiles and their pictures, and the custom profile
// fields administrators define.
import { apiDelete, apiGet, apiPatch, apiPost, apiPutBytes, segment } from './client';
import type {
  DirectoryFilter,
  PersonSummary,
  Profile,
  ProfileChanges,
  ProfileField,
  ProfileFieldInput,
} from './people-types';
import type { ItemList, Page } from './types';

const DIRECTORY_PAGE_SIZE = 30;

function peoplePath(slug: string, userId?: string): string {
  const base = `/i/${segment(slug)}/people`;
  return userId === undefined ? base : `${base}/${segment(userId)}`;
}

function fieldsPath(slug: string, fieldId?: string): string {
  const base = `/i/${segment(slug)}/profile-fields`;
  return fieldId === undefined ? base : `${base}/${segment(fieldId)}`;
}

/** Filters match whole values, ignoring case; `q` matches part of a name, job, department or location. */
export function searchPeople(
  slug: string,
  filter: Partial<DirectoryFilter>,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<Page<PersonSummary>> {
  return apiGet<Page<PersonSummary>>(peoplePath(slug), {
    ...filter,
    limit: options.limit ?? DIRECTORY_PAGE_SIZE,
    cursor: options.cursor,
  });
}

export function fetchProfile(slug: string, userId: string): Promise<Profile> {
  return apiGet<Profile>(peoplePath(slug, userId));
}

export function updateProfile(slug: string, userId: string, changes: ProfileChanges): Promise<Profile> {
  return apiPatch<Profile>(peoplePath(slug, userId), changes);
}

/** The server re-encodes the picture; the caller reloads the profile for its new URL. */
export function uploadAvatar(slug: string, userId: string, image: File): Promise<void> {
  return apiPutBytes(`${peoplePath(slug, userId)}/avatar`, image, image.type);
}

export function removeAvatar(slug: string, userId: string): Promise<void> {
  return apiDelete(`${peoplePath(slug, userId)}/avatar`);
}

/** Fields in display order: by position, then by label. */
export function sortFields(fields: readonly ProfileField[]): ProfileField[] {
  return [...fields].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
}

export async function listProfileFields(slug: string): Promise<ItemList<ProfileField>> {
  const list = await apiGet<ItemList<ProfileField>>(fieldsPath(slug));
  return { items: sortFields(list.items) };
}

export function createProfileField(slug: string, input: ProfileFieldInput): Promise<ProfileField> {
  return apiPost<ProfileField>(fieldsPath(slug), input);
}

/** The type of a field is fixed once created. */
export function updateProfileField(
  slug: string,
  fieldId: string,
  changes: Partial<Omit<ProfileFieldInput, 'type'>>,
): Promise<ProfileField> {
  return apiPatch<ProfileField>(fieldsPath(slug, fieldId), changes);
}

export function deleteProfileField(slug: string, fieldId: string): Promise<void> {
  return apiDelete(fieldsPath(slug, fieldId));
}
