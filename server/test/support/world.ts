// The fixture every cross-tenant test starts from: three instances (alpha,
// beta, gamma), each with an owner, an administrator, a member and a guest,
// all built through the real actions and signed in through the real API.
import { signUp } from '../../src/modules/auth/actions.ts';
import { createInstance } from '../../src/modules/instances/actions.ts';
import type { Instance, Role } from '../../src/modules/instances/queries.ts';
import { createMemberAccount } from '../../src/modules/members/actions.ts';
import type { UserRecord } from '../../src/modules/users/queries.ts';
import { Client } from './client.ts';
import type { Harness } from './harness.ts';

export const PASSWORD = 'a long enough test passphrase';
export const ROLES: Role[] = ['owner', 'administrator', 'member', 'guest'];

export interface Person {
  user: UserRecord;
  email: string;
  client: Client;
}

export interface Tenant {
  instance: Instance;
  people: Record<Role, Person>;
}

export interface World {
  alpha: Tenant;
  beta: Tenant;
  gamma: Tenant;
}

export async function signedIn(h: Harness, email: string, password = PASSWORD): Promise<Client> {
  const client = new Client(h.app);
  const answer = await client.post('/api/v1/auth/signin', { email, password });
  if (answer.status !== 200) throw new Error(`sign-in of ${email} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return client;
}

export async function newUser(h: Harness, email: string, displayName = email.split('@')[0]!): Promise<Person> {
  const { user } = await signUp(h.s, { email, password: PASSWORD, displayName, locale: 'en' }, { ip: null, userAgent: null });
  return { user, email, client: await signedIn(h, email) };
}

async function tenant(h: Harness, slug: string): Promise<Tenant> {
  const owner = await newUser(h, `owner@${slug}.test`, `${slug} owner`);
  const instance = await createInstance(h.s, owner.user.id, { name: `Instance ${slug}`, slug, defaultLocale: 'en' });
  const ownerMembership = { instanceId: instance.id, userId: owner.user.id, role: 'owner' as const, status: 'active' as const, createdAt: new Date() };
  const people = { owner } as Record<Role, Person>;
  for (const role of ['administrator', 'member', 'guest'] as const) {
    const email = `${role}@${slug}.test`;
    const member = await createMemberAccount(h.s, { instance, membership: ownerMembership }, { email, displayName: `${slug} ${role}`, role, password: PASSWORD });
    const client = await signedIn(h, email);
    people[role] = { user: { ...owner.user, id: member.userId, email, displayName: member.displayName }, email, client };
  }
  return { instance, people };
}

export async function buildWorld(h: Harness): Promise<World> {
  return { alpha: await tenant(h, 'alpha'), beta: await tenant(h, 'beta'), gamma: await tenant(h, 'gamma') };
}
