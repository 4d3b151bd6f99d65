// The shapes of the people directory, profiles and the custom profile fields
// an instance defines, as the people API returns them.
import type { InstanceRole } from './types';

export type ProfileFieldType = 'text' | 'choice' | 'date';
/** Who may fill a custom field: the person themselves, or only administrators. */
export type FieldEditor = 'user' | 'admin';

export const PROFILE_FIELD_TYPES: readonly ProfileFieldType[] = ['text', 'choice', 'date'];
export const FIELD_EDITORS: readonly FieldEditor[] = ['user', 'admin'];

/** Pictures are sent as they are, up to this size, in one of these types. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** One entry of the directory. */
export interface PersonSummary {
  userId: string;
  displayName: string;
  jobTitle: string;
  department: string;
  location: string;
  /** Changes whenever the picture changes, so it can be cached. */
  avatarUrl: string | null;
}

export interface Profile extends PersonSummary {
  email: string;
  role: InstanceRole;
  about: string;
  /** Custom field values by field id; empty fields are absent. */
  fields: Partial<Record<string, string>>;
  /** Required fields this profile lacks. */
  missingRequired: string[];
  canEdit: boolean;
  /** Whether I follow this person. */
  following: boolean;
}

export interface ProfileChanges {
  jobTitle?: string;
  department?: string;
  location?: string;
  about?: string;
  /** null (or '') empties a field. */
  fields?: Record<string, string | null>;
}

export interface ProfileField {
  id: string;
  label: string;
  type: ProfileFieldType;
  choices: string[];
  required: boolean;
  editableBy: FieldEditor;
  position: number;
}

export type ProfileFieldInput = Omit<ProfileField, 'id'>;

export interface DirectoryFilter {
  q: string;
  department: string;
  location: string;
  jobTitle: string;
}
