// Public authentication endpoints: sign-up, sign-in, sign-out, password reset.
import { apiPost } from './client';
import type { Locale, Session } from './types';

export function signUp(input: {
  email: string;
  password: string;
  displayName: string;
  locale: Locale;
}): Promise<Session> {
  return apiPost<Session>('/auth/signup', input);
}

export function signIn(input: { email: string; password: string }): Promise<Session> {
  return apiPost<Session>('/auth/signin', input);
}

export function signOut(): Promise<void> {
  return apiPost('/auth/signout');
}

export function requestPasswordReset(email: string): Promise<void> {
  return apiPost('/auth/password-reset', { email });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return apiPost('/auth/password-reset/confirm', { token, password });
}
