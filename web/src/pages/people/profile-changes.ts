// What a profile form holds, and the changes to send: only the values that
// differ from the saved profile, and never a field the viewer may not fill
// (the server refuses an administrators-only field sent back unchanged).
import type { Profile, ProfileChanges, ProfileField } from '../../api/people-types';

export const STANDARD_FIELDS = ['jobTitle', 'department', 'location'] as const;

export interface ProfileValues {
  jobTitle: string;
  department: string;
  location: string;
  about: string;
  /** By field id; '' for an empty field. */
  fields: Record<string, string>;
}

export function valuesOf(profile: Profile, fields: readonly ProfileField[]): ProfileValues {
  return {
    jobTitle: profile.jobTitle,
    department: profile.department,
    location: profile.location,
    about: profile.about,
    fields: Object.fromEntries(fields.map((field) => [field.id, profile.fields[field.id] ?? ''])),
  };
}

/** null when nothing changed. */
export function changesBetween(
  profile: Profile,
  values: ProfileValues,
  fillable: readonly ProfileField[],
): ProfileChanges | null {
  const changes: ProfileChanges = {};
  for (const key of [...STANDARD_FIELDS, 'about'] as const) {
    const value = values[key].trim();
    if (value !== profile[key]) changes[key] = value;
  }
  const fields: Record<string, string | null> = {};
  for (const field of fillable) {
    const value = (values.fields[field.id] ?? '').trim();
    if (value !== (profile.fields[field.id] ?? '')) fields[field.id] = value === '' ? null : value;
  }
  if (Object.keys(fields).length > 0) changes.fields = fields;
  return Object.keys(changes).length > 0 ? changes : null;
}
