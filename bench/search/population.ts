// Who is in the search benchmark: 50 instances of uneven size (a few big
// ones, a long tail of small ones), French or English, their members (a few
// owners, administrators, guests and disabled members; most people write in
// their instance's language), groups (open, private, secret; some archived)
// that members join unevenly, and conversations: group rooms, group
// conversations that some members have left, direct conversations. Built in
// memory from a seed, ids included, so the seeding can reference any row
// without reading it back; the same seed gives the same population.
import { cumulative, Random } from './random.ts';
import { personName } from './text.ts';
import { TEAMS, type Lang } from './vocabulary.ts';

export type Role = 'owner' | 'administrator' | 'member' | 'guest';
export type Visibility = 'open' | 'private' | 'secret';

export interface Person { id: string; email: string; name: string; locale: Lang; instance: number; role: Role; disabled: boolean }
export interface Group { id: string; instance: number; name: string; visibility: Visibility; archived: boolean; members: number[]; admins: Set<number> }
export interface ConversationMember { person: number; left: boolean }
export interface Conversation {
  id: string; instance: number; kind: 'room' | 'group' | 'direct'; title: string | null; group: number | null; directKey: string | null;
  members: ConversationMember[]; weight: number;
}
export interface Instance { id: string; slug: string; name: string; lang: Lang; people: number[]; groups: number[]; conversations: number[] }

export interface Population {
  instances: Instance[];
  people: Person[];
  groups: Group[];
  conversations: Conversation[];
  /** Running sums of each conversation's share of the messages (Random.weighted). */
  messageWeights: Float64Array;
  /** Running sums of each group's share of the posts (by its members and activity). */
  postWeights: Float64Array;
}

/** Members of instance i of `count`: 600 for the largest, about 60 for the smallest. */
function instanceSize(i: number): number {
  return Math.round(20 + 580 * (1 / (i + 1)) ** 0.7);
}

const GROUP_TOPICS: Record<Lang, readonly string[]> = {
  fr: ['Équipe', 'Projet', 'Comité', 'Club', 'Cellule', 'Atelier', 'Pôle'],
  en: ['Team', 'Project', 'Committee', 'Club', 'Squad', 'Workshop', 'Guild'],
};

export function buildPopulation(seed: number, instanceCount: number): Population {
  const r = new Random(seed);
  const instances: Instance[] = [];
  const people: Person[] = [];
  const groups: Group[] = [];
  const conversations: Conversation[] = [];
  const groupActivity: number[] = [];

  for (let i = 0; i < instanceCount; i++) {
    const lang: Lang = i % 5 < 3 ? 'fr' : 'en';
    const instance: Instance = { id: r.uuid(), slug: `search-${String(i + 1).padStart(2, '0')}`, name: `Search bench ${i + 1}`, lang, people: [], groups: [], conversations: [] };
    instances.push(instance);
    const size = instanceSize(i);
    for (let k = 0; k < size; k++) {
      const locale: Lang = r.chance(0.85) ? lang : lang === 'fr' ? 'en' : 'fr';
      const role: Role = k === 0 ? 'owner' : r.chance(0.02) ? 'administrator' : r.chance(0.04) ? 'guest' : 'member';
      instance.people.push(people.length);
      people.push({ id: r.uuid(), email: `p${people.length}.i${i + 1}@search.bench.test`, name: personName(r, locale), locale, instance: i, role, disabled: k > 0 && r.chance(0.01) });
    }

    // Groups: popularity is uneven, so a few are big and most are small.
    const groupCount = Math.max(3, Math.round(size / 8));
    const popularity: number[] = [];
    for (let g = 0; g < groupCount; g++) {
      const v = r.next();
      const visibility: Visibility = v < 0.55 ? 'open' : v < 0.85 ? 'private' : 'secret';
      instance.groups.push(groups.length);
      groups.push({
        id: r.uuid(), instance: i, name: `${r.pick(GROUP_TOPICS[lang])} ${r.pick(TEAMS[lang])} ${g + 1}`, visibility,
        archived: r.chance(0.05), members: [], admins: new Set(),
      });
      popularity.push(r.lognormal(1));
    }
    const byPopularity = cumulative(popularity);
    for (const p of instance.people) {
      const wanted = people[p]!.role === 'guest' ? r.between(1, 2) : r.between(2, 8);
      const joined = new Set<number>();
      for (let tries = 0; joined.size < Math.min(wanted, groupCount) && tries < 50; tries++) joined.add(r.weighted(byPopularity));
      for (const g of joined) groups[instance.groups[g]!]!.members.push(p);
    }
    for (const g of instance.groups) {
      const group = groups[g]!;
      if (group.members.length < 2) group.members.push(...r.sample(size, 2).map((k) => instance.people[k]!).filter((p) => !group.members.includes(p)));
      group.admins.add(group.members[0]!);
      for (const p of group.members) if (r.chance(0.05)) group.admins.add(p);
      groupActivity.push(group.members.length * r.lognormal(0.8));
    }

    // Conversations: rooms of 60% of the groups, group conversations of 3 to 12, direct ones.
    const talkers = instance.people.filter((p) => people[p]!.role !== 'guest');
    const add = (c: Omit<Conversation, 'id' | 'instance'>) => {
      instance.conversations.push(conversations.length);
      conversations.push({ id: r.uuid(), instance: i, ...c });
    };
    for (const g of instance.groups) {
      const group = groups[g]!;
      if (r.chance(0.6)) add({ kind: 'room', title: null, group: g, directKey: null, members: group.members.map((p) => ({ person: p, left: false })), weight: Math.sqrt(group.members.length) * r.lognormal(1) });
    }
    for (let c = Math.round(size / 5); c > 0; c--) {
      const members = r.sample(talkers.length, r.between(3, 12)).map((k) => ({ person: talkers[k]!, left: r.chance(0.04) }));
      members[0]!.left = false;
      add({ kind: 'group', title: `${r.pick(GROUP_TOPICS[lang])} ${r.pick(TEAMS[lang])}`, group: null, directKey: null, members, weight: 1.5 * r.lognormal(1) });
    }
    const pairs = new Set<string>();
    for (let c = Math.round(size * 1.5); c > 0; c--) {
      const [a, b] = r.sample(talkers.length, 2).map((k) => people[talkers[k]!]!.id).sort() as [string, string];
      const key = `${a}:${b}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const members = [a, b].map((id) => ({ person: talkers.find((p) => people[p]!.id === id)!, left: false }));
      add({ kind: 'direct', title: null, group: null, directKey: key, members, weight: 0.6 * r.lognormal(1.2) });
    }
  }
  return {
    instances, people, groups, conversations,
    messageWeights: cumulative(conversations.map((c) => c.weight)),
    postWeights: cumulative(groupActivity),
  };
}
