// The palette's results as one flat list of options, in the order the arrow
// keys walk them: the first few of each kind, grouped, then "See all results".
import type { SearchAnswer, SearchKind } from '../../api/search-types';
import type { MessageKey } from '../../i18n/en';
import { groupHitPath, personHitPath, searchPagePath, textHitPath } from './search-links';

export type PaletteOption =
  | { key: string; href: string; type: 'text'; hit: SearchAnswer['posts']['items'][number] }
  | { key: string; href: string; type: 'person'; person: SearchAnswer['people']['items'][number] }
  | { key: string; href: string; type: 'group'; group: SearchAnswer['groups']['items'][number] }
  | { key: string; href: string; type: 'all' };

export interface PaletteSection {
  kind: SearchKind;
  titleKey: MessageKey;
  options: PaletteOption[];
}

export const PALETTE_SECTION_SIZE = 5;

export function paletteSections(slug: string, answer: SearchAnswer): PaletteSection[] {
  const text = (kind: 'posts' | 'messages' | 'files'): PaletteSection => ({
    kind,
    titleKey: `search.section.${kind}`,
    options: answer[kind].items.slice(0, PALETTE_SECTION_SIZE).map((hit) => ({ key: `${hit.kind}-${hit.id}`, href: textHitPath(slug, hit), type: 'text', hit })),
  });
  const sections: PaletteSection[] = [
    text('posts'),
    text('messages'),
    text('files'),
    {
      kind: 'people',
      titleKey: 'search.section.people',
      options: answer.people.items.slice(0, PALETTE_SECTION_SIZE).map((person) => ({ key: `person-${person.id}`, href: personHitPath(slug, person.id), type: 'person', person })),
    },
    {
      kind: 'groups',
      titleKey: 'search.section.groups',
      options: answer.groups.items.slice(0, PALETTE_SECTION_SIZE).map((group) => ({ key: `group-${group.id}`, href: groupHitPath(slug, group.id), type: 'group', group })),
    },
  ];
  return sections.filter((section) => section.options.length > 0);
}

export function seeAllOption(slug: string, q: string): PaletteOption {
  return { key: 'see-all', href: searchPagePath(slug, q.trim()), type: 'all' };
}
