// The shapes of groups, their members and their pending requests, as the
// groups API returns them.

export type GroupVisibility = 'open' | 'private' | 'secret';
export type GroupPosting = 'everyone' | 'admins';
export type GroupRole = 'admin' | 'member';
export type GroupFilter = 'visible' | 'mine' | 'archived';
/** A pending request to join (from the person) or invitation (from an admin). */
export type GroupRequestKind = 'request' | 'invitation';

export const GROUP_VISIBILITIES: readonly GroupVisibility[] = ['open', 'private', 'secret'];
export const GROUP_POSTINGS: readonly GroupPosting[] = ['everyone', 'admins'];

/** What the signed-in user may do with a group, as the server decided it. */
export interface GroupPermissions {
  read: boolean;
  post: boolean;
  join: boolean;
  requestToJoin: boolean;
  manage: boolean;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  posting: GroupPosting;
  archived: boolean;
  memberCount: number;
  createdAt: string;
  myRole: GroupRole | null;
  myRequest: GroupRequestKind | null;
  can: GroupPermissions;
}

export interface GroupInput {
  name: string;
  description: string;
  visibility: GroupVisibility;
  posting: GroupPosting;
}

export interface GroupMember {
  userId: string;
  displayName: string;
  role: GroupRole;
  joinedAt: string;
}

export interface GroupRequest {
  userId: string;
  displayName: string;
  kind: GroupRequestKind;
  createdAt: string;
}

/** The profile attributes a people set can match; 'field' names a custom field. */
export const PEOPLE_SET_ATTRIBUTES = ['department', 'location', 'jobTitle', 'field'] as const;
export type PeopleSetAttribute = (typeof PEOPLE_SET_ATTRIBUTES)[number];

/** Members whose profile matches join the group automatically, and leave when they stop matching. */
export interface PeopleSetRule {
  attribute: PeopleSetAttribute;
  /** Only with attribute 'field'. */
  fieldId?: string;
  value: string;
}
