// API shapes of an instance as seen by one of its members, and by operators.
import { Type, type Static } from 'typebox';
import { Locale } from '../users/presenters.ts';
import type { Instance, Role } from './queries.ts';

export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('administrator'), Type.Literal('member'), Type.Literal('guest')]);
export const InstanceStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);

export const MyInstance = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  defaultLocale: Locale,
  role: RoleSchema,
  status: InstanceStatusSchema,
});

export const RegistryInstance = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  defaultLocale: Locale,
  status: InstanceStatusSchema,
  createdAt: Type.String({ format: 'date-time' }),
});

export function presentMyInstance(instance: Instance, role: Role): Static<typeof MyInstance> {
  return { id: instance.id, slug: instance.slug, name: instance.name, defaultLocale: instance.defaultLocale, role, status: instance.status };
}

export function presentRegistryInstance(instance: Instance): Static<typeof RegistryInstance> {
  return {
    id: instance.id, slug: instance.slug, name: instance.name, defaultLocale: instance.defaultLocale,
    status: instance.status, createdAt: instance.createdAt.toISOString(),
  };
}
