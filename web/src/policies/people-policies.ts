// Which people actions to offer. Like the other policies these only decide
// what to show; they mirror the server's people and feed policies (everyone
// but guests follows others; administrators fill administrator-only fields
// and define the fields; a group's administrators set its people set).
import type { ProfileField } from '../api/people-types';
import type { InstanceRole } from '../api/types';
import { canAdministerInstance } from './instance-policies';

export function canFollowPerson(viewerRole: InstanceRole, viewerId: string, personId: string): boolean {
  return viewerRole !== 'guest' && viewerId !== personId;
}

/** Fields marked "administrators only" stay read-only for everyone else, even on their own profile. */
export function canFillField(viewerRole: InstanceRole, field: ProfileField): boolean {
  return field.editableBy === 'user' || canAdministerInstance(viewerRole);
}

export function canManageProfileFields(viewerRole: InstanceRole): boolean {
  return canAdministerInstance(viewerRole);
}
