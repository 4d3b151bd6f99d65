// The frames of the realtime WebSocket protocol (docs/realtime.md) and the
// events the web client listens to, by name. Frames are JSON text.
import type { Message } from '../api/chat-types';

export type ClientFrame =
  | { type: 'subscribe'; stream: string; since?: number; ref?: string }
  | { type: 'unsubscribe'; stream: string; ref?: string }
  | { type: 'typing'; stream: string }
  | { type: 'ping'; ref?: string };

export type ServerFrame =
  | { type: 'hello'; userId: string; heartbeatSeconds: number }
  | { type: 'subscribed'; stream: string; seq: number; ref?: string }
  | { type: 'event'; stream: string; seq: number; event: string; data: unknown }
  | { type: 'reset'; stream: string; seq: number; reason: string }
  | { type: 'unsubscribed'; stream: string; reason: string }
  | { type: 'typing'; stream: string; userId: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; ref?: string };

/** The data of each event the client acts on; others are delivered untyped. */
export interface StreamEventData {
  'message.created': { message: Message };
  'message.updated': { message: Message };
  /** On a conversation: a member's marker; on my inbox: mine, from another device. */
  'conversation.read': { conversationId: string; userId?: string; seq: number };
  'conversation.updated': { conversationId: string };
  'conversation.added': { conversationId: string };
  /** On my inbox: I left or lost access; on a conversation: `userId` left it. */
  'conversation.removed': { conversationId: string; userId?: string };
  'notification.created': { notificationId: string; kind: string };
}

export type StreamEvent = {
  [Name in keyof StreamEventData]: { stream: string; seq: number; name: Name; data: StreamEventData[Name] };
}[keyof StreamEventData];

export function inboxStream(userId: string): string {
  return `inbox:${userId}`;
}

export function conversationStream(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** The frame, if the text is one the client understands. */
export function parseServerFrame(text: string): ServerFrame | null {
  try {
    const frame: unknown = JSON.parse(text);
    if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') return null;
    return frame as ServerFrame;
  } catch {
    return null;
  }
}
