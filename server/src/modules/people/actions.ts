// State changes of people: profile edits (standard and custom fields, with
// per-field edit rights and required fields), avatars, and the custom field
// definitions administrators maintain.
import { AppError, conflict, notFound } from '../../errors.ts';
import { inTransaction, type Tx } from '../../db/transaction.ts';
import type { TenantContext } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { assertAllowed } from '../instances/policies.ts';
import { AVATAR_TYPES, reencodeAvatar } from './avatar.ts';
import { canEditField, canEditProfile, canManageProfileFields } from './policies.ts';
import { deleteField, findProfile, insertField, listFields, setAvatar, updateField, upsertProfile, type ProfileField } from './queries.ts';

function scope(t: TenantContext) {
  return { instanceId: t.instance.id, userId: t.membership.userId };
}

async function editableProfile(tx: Tx, t: TenantContext, userId: string) {
  const profile = await findProfile(tx, t.instance.id, t.membership.userId, t.membership.role === 'guest', userId);
  if (!profile) throw notFound('No such person.');
  assertAllowed(canEditProfile(t.membership, userId), 'You can only edit your own profile.');
  return profile;
}

const fieldError = (field: ProfileField, detail: string) =>
  new AppError(400, 'invalid_field', `${field.label}: ${detail}`, { errors: [{ path: `body/fields/${field.id}`, message: detail }] });

function checkValue(field: ProfileField, value: string): string {
  const text = value.trim();
  if (text === '') return '';
  if (field.type === 'choice' && !field.choices.includes(text)) throw fieldError(field, `must be one of ${field.choices.join(', ')}`);
  if (field.type === 'date' && !isCalendarDate(text)) throw fieldError(field, 'must be a date written YYYY-MM-DD');
  return text;
}

// Date.parse rolls impossible days over (2026-02-30 becomes March 2nd): the date must read back unchanged.
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export interface ProfileChanges {
  jobTitle?: string | undefined;
  department?: string | undefined;
  location?: string | undefined;
  about?: string | undefined;
  fields?: Record<string, string | null> | undefined;
}

export async function updateProfile(s: Services, t: TenantContext, userId: string, changes: ProfileChanges): Promise<void> {
  await inTransaction(s.pool, scope(t), async (tx) => {
    const current = await editableProfile(tx, t, userId);
    const definitions = new Map((await listFields(tx, t.instance.id)).map((f) => [f.id, f]));
    const fields = { ...current.fields };
    for (const [id, value] of Object.entries(changes.fields ?? {})) {
      const field = definitions.get(id);
      if (!field) throw new AppError(400, 'unknown_field', `There is no profile field ${id}.`);
      assertAllowed(canEditField(t.membership, field), `Only administrators can set "${field.label}".`);
      const text = value === null ? '' : checkValue(field, value);
      if (text === '') delete fields[id];
      else fields[id] = text;
    }
    // A required field must be filled by whoever may set it, before anything else is saved.
    for (const field of definitions.values()) {
      if (field.required && !fields[field.id] && canEditField(t.membership, field)) throw fieldError(field, 'is required');
    }
    await upsertProfile(tx, t.instance.id, userId, {
      jobTitle: changes.jobTitle?.trim() ?? current.jobTitle,
      department: changes.department?.trim() ?? current.department,
      location: changes.location?.trim() ?? current.location,
      about: changes.about?.trim() ?? current.about,
      fields,
    });
  });
}

/** Sets (an uploaded image body) or removes (null) a picture. The person is checked before the image is decoded. */
export async function changeAvatar(s: Services, t: TenantContext, userId: string, upload: unknown): Promise<void> {
  await inTransaction(s.pool, scope(t), (tx) => editableProfile(tx, t, userId));
  if (upload !== null && !Buffer.isBuffer(upload)) {
    throw new AppError(415, 'unsupported_media_type', `Send the image bytes with Content-Type ${AVATAR_TYPES.join(', ')}.`);
  }
  const image = upload ? await reencodeAvatar(upload) : null;
  await inTransaction(s.pool, scope(t), async (tx) => {
    await editableProfile(tx, t, userId);
    await setAvatar(tx, t.instance.id, userId, image);
  });
}

const labelTaken = () => conflict('field_label_taken', 'A profile field with this label already exists.');

/** Checks choices against the field type; returns them trimmed, as values are trimmed before being compared to them. */
function checkDefinition(type: string, choices: string[] | undefined): string[] {
  if (type === 'choice' && (!choices || choices.length === 0)) throw new AppError(400, 'choices_required', 'A choice field needs at least one choice.');
  if (type !== 'choice' && choices && choices.length > 0) throw new AppError(400, 'choices_not_allowed', 'Only choice fields have choices.');
  const trimmed = (choices ?? []).map((c) => c.trim());
  if (trimmed.includes('') || new Set(trimmed).size !== trimmed.length) {
    throw new AppError(400, 'invalid_choices', 'Choices must be distinct and not blank.');
  }
  return trimmed;
}

export async function createProfileField(s: Services, t: TenantContext, input: { label: string; type: ProfileField['type']; choices?: string[] | undefined; required?: boolean | undefined; editableBy?: 'user' | 'admin' | undefined; position?: number | undefined }): Promise<ProfileField> {
  assertAllowed(canManageProfileFields(t.membership), 'Only administrators define profile fields.');
  const choices = checkDefinition(input.type, input.choices);
  return inTransaction(s.pool, scope(t), async (tx) => {
    const field = await insertField(tx, t.instance.id, {
      label: input.label.trim(), type: input.type, choices,
      required: input.required ?? false, editableBy: input.editableBy ?? 'user', position: input.position ?? 0,
    });
    if (!field) throw labelTaken();
    return field;
  });
}

export async function changeProfileField(s: Services, t: TenantContext, fieldId: string, changes: { label?: string | undefined; choices?: string[] | undefined; required?: boolean | undefined; editableBy?: 'user' | 'admin' | undefined; position?: number | undefined }): Promise<ProfileField> {
  assertAllowed(canManageProfileFields(t.membership), 'Only administrators define profile fields.');
  return inTransaction(s.pool, scope(t), async (tx) => {
    const existing = (await listFields(tx, t.instance.id)).find((f) => f.id === fieldId);
    if (!existing) throw notFound('No such profile field.');
    const choices = changes.choices && checkDefinition(existing.type, changes.choices);
    try {
      return (await updateField(tx, t.instance.id, fieldId, { ...changes, label: changes.label?.trim(), choices }))!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw labelTaken();
      throw error;
    }
  });
}

export async function removeProfileField(s: Services, t: TenantContext, fieldId: string): Promise<void> {
  assertAllowed(canManageProfileFields(t.membership), 'Only administrators define profile fields.');
  const deleted = await inTransaction(s.pool, scope(t), (tx) => deleteField(tx, t.instance.id, fieldId));
  if (!deleted) throw notFound('No such profile field.');
}
