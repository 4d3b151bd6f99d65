// API shapes of people: directory entries, full profiles, custom field definitions.
import type { Static } from 'typebox';
import type { ProfileField, ProfileRow } from './queries.ts';
import type { PersonSummary, Profile, ProfileFieldSchema } from './schemas.ts';

function avatarUrl(slug: string, p: ProfileRow): string | null {
  // The timestamp changes the URL when the picture changes, so it can be cached.
  return p.hasAvatar && p.avatarUpdatedAt ? `/api/v1/i/${slug}/people/${p.userId}/avatar?v=${p.avatarUpdatedAt.getTime()}` : null;
}

export function presentPersonSummary(slug: string, p: ProfileRow): Static<typeof PersonSummary> {
  return { userId: p.userId, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department, location: p.location, avatarUrl: avatarUrl(slug, p) };
}

export function presentProfile(slug: string, p: ProfileRow, fields: ProfileField[], canEdit: boolean): Static<typeof Profile> {
  const known = new Set(fields.map((f) => f.id));
  return {
    userId: p.userId, displayName: p.displayName, email: p.email, role: p.role as Static<typeof Profile>['role'],
    jobTitle: p.jobTitle, department: p.department, location: p.location, about: p.about,
    fields: Object.fromEntries(Object.entries(p.fields).filter(([id]) => known.has(id))),
    missingRequired: fields.filter((f) => f.required && !p.fields[f.id]).map((f) => f.id),
    avatarUrl: avatarUrl(slug, p),
    canEdit,
    following: p.following,
  };
}

export function presentField(f: ProfileField): Static<typeof ProfileFieldSchema> {
  return { id: f.id, label: f.label, type: f.type, choices: f.choices, required: f.required, editableBy: f.editableBy, position: f.position };
}
