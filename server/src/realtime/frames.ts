// The frames a client may send (docs/realtime.md), validated against a schema
// like every HTTP body, and the frames the server sends.
import { Ajv } from 'ajv';
import { Type, type Static } from 'typebox';
import type { RucheEvent } from './events.ts';

const Ref = Type.Optional(Type.String({ maxLength: 64 }));
const StreamName = Type.String({ maxLength: 100 });

const ClientFrame = Type.Union([
  Type.Object({ type: Type.Literal('subscribe'), stream: StreamName, since: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })), ref: Ref }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('unsubscribe'), stream: StreamName, ref: Ref }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('typing'), stream: StreamName, ref: Ref }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('ping'), ref: Ref }, { additionalProperties: false }),
]);
export type ClientFrame = Static<typeof ClientFrame>;

const FRAME_TYPES = new Set(['subscribe', 'unsubscribe', 'typing', 'ping']);
const validate = new Ajv({ strict: false, allErrors: false }).compile<ClientFrame>(ClientFrame);

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; code: 'invalid_frame' | 'unknown_frame_type'; message: string; ref?: string };

export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid_frame', message: 'Frames are JSON objects.' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, code: 'invalid_frame', message: 'Frames are JSON objects.' };
  const { type, ref } = value as { type?: unknown; ref?: unknown };
  const echo = typeof ref === 'string' && ref.length <= 64 ? { ref } : {};
  if (typeof type !== 'string' || !FRAME_TYPES.has(type)) {
    return { ok: false, code: 'unknown_frame_type', message: 'Frame types are subscribe, unsubscribe, typing and ping.', ...echo };
  }
  if (!validate(value)) {
    const error = validate.errors?.[0];
    return { ok: false, code: 'invalid_frame', message: `Invalid ${type} frame: ${error?.instancePath || 'frame'} ${error?.message ?? ''}`.trim(), ...echo };
  }
  return { ok: true, frame: value };
}

/** One event as sent to every subscriber of its stream, whether it arrives live or is read back from the log. */
export const eventFrame = (stream: string, event: { seq?: number | undefined; type: RucheEvent['type']; data: unknown }) =>
  JSON.stringify({ type: 'event', stream, seq: event.seq, event: event.type, data: event.data });

export type ServerFrame =
  | { type: 'hello'; userId: string; heartbeatSeconds: number }
  | { type: 'subscribed'; stream: string; seq: number; ref?: string }
  | { type: 'reset'; stream: string; seq: number; reason: 'too_far_behind' }
  | { type: 'unsubscribed'; stream: string; reason: 'membership_ended' | 'requested'; ref?: string }
  | { type: 'typing'; stream: string; userId: string }
  | { type: 'pong'; ref?: string }
  | { type: 'error'; code: string; message: string; ref?: string };
