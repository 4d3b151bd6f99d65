// Schema validation for every request part. Bodies are validated strictly:
// no type coercion (a number sent as a string is an error) and unknown
// properties are rejected, not silently dropped. Query strings and path
// parameters are text by nature, so they are coerced to the declared types.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { validationFailed } from '../errors.ts';

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ coerceTypes, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\u0000') || containsNul(v));
  return false;
}

export function registerValidation(app: FastifyInstance): void {
  // PostgreSQL text cannot hold NUL: refuse it in any body with a clear 400 rather than a failed write.
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object' && !Buffer.isBuffer(request.body) && containsNul(request.body)) {
      throw validationFailed('Text must not contain the NUL character.', [{ path: 'body', message: 'must not contain U+0000' }]);
    }
  });
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object));
}
