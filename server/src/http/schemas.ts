// Schemas shared by all routes: the problem document and the empty answer.
import { Type } from 'typebox';

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String({ description: 'Stable, machine-readable error code' }),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

/** Spread into a route's `response` so every error is documented as problem+json. */
export const problemResponses = {
  '4xx': ProblemSchema,
  '5xx': ProblemSchema,
} as const;

export const NoContent = Type.Null({ description: 'No content' });

/** A body of bytes (a download, an image). */
export const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
