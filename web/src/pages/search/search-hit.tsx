// What one search result says, the same in the palette and on the page: what
// it is and where (a post in a group, a message in a conversation, a file),
// the matching words highlighted, who wrote it and when. The caller wraps it
// in a link or a listbox option.
import type { GroupHit, PersonHit, TextHit } from '../../api/search-types';
import { Icon, type IconName } from '../../components/icon';
import { RelativeTime } from '../../components/relative-time';
import { useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/en';
import { Snippet } from './snippet';

const HIT_ICONS: Record<TextHit['kind'], IconName> = { post: 'feed', comment: 'feed', message: 'chat', file: 'drive' };

function useWhere(hit: TextHit): string | null {
  const t = useT();
  if (hit.group) return t('search.hit.inGroup', { group: hit.group.name });
  if (hit.conversation) return hit.conversation.title ? t('search.hit.inConversation', { title: hit.conversation.title }) : t('search.hit.conversation');
  return null;
}

export function TextHitContent({ hit }: { hit: TextHit }) {
  const t = useT();
  const where = useWhere(hit);
  return (
    <>
      <Icon name={HIT_ICONS[hit.kind]} />
      <span className="search-hit-body">
        <span className="search-hit-title">
          {hit.kind === 'file' ? <Snippet snippet={hit.snippet} className="search-hit-name" /> : t(`search.hit.${hit.kind}`)}
          {where && <span className="search-hit-where"> {where}</span>}
        </span>
        {hit.kind !== 'file' && <Snippet snippet={hit.snippet} />}
        <span className="search-hit-meta">
          {hit.author && <span>{t('search.hit.by', { name: hit.author.displayName })}</span>}
          <RelativeTime iso={hit.createdAt} />
        </span>
      </span>
    </>
  );
}

export function PersonHitContent({ person }: { person: PersonHit }) {
  return (
    <>
      <Icon name="people" />
      <span className="search-hit-body">
        <span className="search-hit-title">{person.displayName}</span>
        {person.jobTitle && <span className="search-hit-meta">{person.jobTitle}</span>}
      </span>
    </>
  );
}

export function GroupHitContent({ group }: { group: GroupHit }) {
  const t = useT();
  const visibility = `search.visibility.${group.visibility}`;
  const known = ['open', 'private', 'secret'].includes(group.visibility);
  return (
    <>
      <Icon name="groups" />
      <span className="search-hit-body">
        <span className="search-hit-title">{group.name}</span>
        <span className="search-hit-meta">
          {known && <span>{t(visibility as MessageKey)}</span>}
          {group.archived && <span>{t('search.hit.archived')}</span>}
        </span>
      </span>
    </>
  );
}
