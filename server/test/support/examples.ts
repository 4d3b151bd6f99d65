// Builds a valid example value from a JSON schema (the subset our TypeBox
// schemas use), so generic tests can send well-formed requests to every route
// and reach the authorisation checks behind validation.
import { randomUUID } from 'node:crypto';

type Schema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  minProperties?: number;
  default?: unknown;
};

export function exampleFor(schema: Schema | undefined, hints: Record<string, unknown> = {}, name = ''): unknown {
  if (!schema) return undefined;
  if (name in hints) return hints[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return exampleFor(union.find((s) => s.type !== 'null') ?? union[0], hints, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleFor(schema.properties?.[key], hints, key);
      // Optional properties the caller gives a value for are sent too (e.g. the group of a post).
      for (const key of Object.keys(schema.properties ?? {})) if (key in hints && !(key in out)) out[key] = hints[key];
      // Bodies such as PATCH ones require "at least one" optional property.
      for (const key of Object.keys(schema.properties ?? {})) {
        if (Object.keys(out).length >= (schema.minProperties ?? 0)) break;
        if (!(key in out)) out[key] = exampleFor(schema.properties?.[key], hints, key);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleFor(schema.items, hints, name));
    case 'integer':
    case 'number':
      return schema.default ?? schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email' || /email/i.test(name)) return `someone-${randomUUID().slice(0, 8)}@example.test`;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (/password/i.test(name)) return 'an example passphrase long enough';
      return 'a'.repeat(Math.max(schema.minLength ?? 1, 12));
    default:
      return null;
  }
}
