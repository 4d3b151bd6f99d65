// The shapes the server's JSON API returns, as the contract describes them.
// Timestamps are ISO 8601 strings.

export type Locale = 'fr' | 'en';
export type InstanceRole = 'owner' | 'administrator' | 'member' | 'guest';
/** Roles an administrator can give; ownership only moves by transfer. */
export type AssignableRole = Exclude<InstanceRole, 'owner'>;
export type TokenScope = 'read' | 'write';

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  isOperator: boolean;
  createdAt: string;
}

export interface MyInstance {
  id: string;
  slug: string;
  name: string;
  defaultLocale: Locale;
  role: InstanceRole;
  status: 'active' | 'suspended';
}

export interface Session {
  user: User;
  csrfToken: string;
  instances: MyInstance[];
}

export interface SignInSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  current: boolean;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: InstanceRole;
  status: 'active' | 'disabled';
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: AssignableRole;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
  createdAt: string;
  invitedBy: { userId: string; displayName: string } | null;
}

export interface InvitationPreview {
  instance: { name: string; slug: string };
  email: string;
  role: AssignableRole;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken {
  token: ApiToken;
  /** Shown once: the server keeps only a hash. */
  secret: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ItemList<T> {
  items: T[];
}
