// The signed-in user's own account: profile, password and sign-in sessions.
import { apiDelete, apiGet, apiPatch, apiPost, segment } from './client';
import type { ItemList, Locale, Session, SignInSession, User } from './types';

export function fetchMe(): Promise<Session> {
  return apiGet<Session>('/me');
}

export function updateMe(changes: { displayName?: string; locale?: Locale }): Promise<User> {
  return apiPatch<User>('/me', changes);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiPost('/me/password', { currentPassword, newPassword });
}

export function listMySessions(): Promise<ItemList<SignInSession>> {
  return apiGet<ItemList<SignInSession>>('/me/sessions');
}

export function revokeMySession(sessionId: string): Promise<void> {
  return apiDelete(`/me/sessions/${segment(sessionId)}`);
}
