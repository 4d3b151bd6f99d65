// Role names as shown to people, in the current language.
import type { InstanceRole } from '../api/types';
import { useT } from './i18n-context';

export function useRoleLabel(): (role: InstanceRole) => string {
  const t = useT();
  return (role) => t(`role.${role}`);
}
