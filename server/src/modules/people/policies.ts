// Who may edit a profile and which of its fields.
import { isAdministrator } from '../instances/policies.ts';
import type { Membership } from '../instances/queries.ts';
import type { ProfileField } from './queries.ts';

/** People edit their own profile; administrators edit anyone's. */
export function canEditProfile(actor: Membership, userId: string): boolean {
  return actor.userId === userId || isAdministrator(actor);
}

/** Custom fields marked "administrators only" are set by administrators, even on one's own profile. */
export function canEditField(actor: Membership, field: ProfileField): boolean {
  return field.editableBy === 'user' || isAdministrator(actor);
}

export function canManageProfileFields(actor: Membership): boolean {
  return isAdministrator(actor);
}
