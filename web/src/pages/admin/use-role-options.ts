// The roles an administrator can give, as <select> options.
import type { AssignableRole } from '../../api/types';
import type { SelectOption } from '../../components/select-field';
import { useRoleLabel } from '../../i18n/use-role-label';

export const ASSIGNABLE_ROLES: readonly AssignableRole[] = ['administrator', 'member', 'guest'];

export function isAssignableRole(value: string): value is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(value);
}

export function useRoleOptions(): SelectOption<AssignableRole>[] {
  const roleLabel = useRoleLabel();
  return ASSIGNABLE_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
}
