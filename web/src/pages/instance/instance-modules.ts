// The modules of an instance, in navigation order. Those marked comingSoon
// are placeholders until their own issue lands; the route table and the
// sidebar both read this.
import type { IconName } from '../../components/icon';
import type { MessageKey } from '../../i18n/en';

export interface InstanceModule {
  path: string;
  labelKey: MessageKey;
  icon: IconName;
  comingSoon?: boolean;
}

export const INSTANCE_MODULES: readonly InstanceModule[] = [
  { path: 'feed', labelKey: 'nav.feed', icon: 'feed' },
  { path: 'groups', labelKey: 'nav.groups', icon: 'groups' },
  { path: 'bookmarks', labelKey: 'nav.bookmarks', icon: 'bookmark' },
  { path: 'chat', labelKey: 'nav.chat', icon: 'chat' },
  { path: 'drive', labelKey: 'nav.drive', icon: 'drive' },
  { path: 'people', labelKey: 'nav.people', icon: 'people' },
  { path: 'search', labelKey: 'nav.search', icon: 'search' },
];

export const ADMIN_MODULE: InstanceModule = { path: 'admin', labelKey: 'nav.admin', icon: 'admin' };
