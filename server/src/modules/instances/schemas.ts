// Request schemas of the instance routes.
import { Type } from 'typebox';
import { Locale } from '../users/presenters.ts';

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$';

export const Slug = Type.String({ pattern: SLUG_PATTERN, minLength: 3, maxLength: 40, description: 'lowercase letters, digits and hyphens' });
export const InstanceName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const SlugParams = Type.Object({ slug: Slug }, { additionalProperties: false });

export const CreateInstanceBody = Type.Object({
  name: InstanceName,
  slug: Slug,
  defaultLocale: Locale,
}, { additionalProperties: false });

export const UpdateInstanceBody = Type.Object({
  name: Type.Optional(InstanceName),
  defaultLocale: Type.Optional(Locale),
}, { additionalProperties: false, minProperties: 1 });

export const TransferOwnershipBody = Type.Object({
  userId: Type.String({ format: 'uuid' }),
}, { additionalProperties: false });
