// The places of the drive: my drive, my groups' drives, files shared with
// me, recent files and the trash; then how much of my space is used.
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import { useDrive } from './drive-context';
import { MY_DRIVE, viewHref, type DriveView } from './drive-location';
import { UsageMeter } from './usage-meter';

const ICONS = {
  drive: 'M3 6h6l2 2h10v11H3z',
  group: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20a6 6 0 0 1 12 0M16 11a3 3 0 1 0 0-6M21 20a6 6 0 0 0-4-5.6',
  shared: 'M18 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 22a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM8.6 13.5l6.8 4M15.4 6.5l-6.8 4',
  recent: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
} as const;

function PlaceIcon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} />
    </svg>
  );
}

interface Place {
  key: string;
  label: string;
  icon: keyof typeof ICONS;
  view: DriveView;
  current: boolean;
}

export function DriveSidebar({ view, groups }: { view: DriveView; groups: { id: string; name: string }[] }) {
  const t = useT();
  const { usage, writableDrives } = useDrive();
  const inDrive = (ref: string) => view.kind === 'folder' && view.drive === ref;
  // The trash of the drive being looked at, when I may change it; else mine.
  const trashDrive = view.kind === 'trash' ? view.drive : view.kind === 'folder' && writableDrives.some((d) => d.ref === view.drive) ? view.drive : MY_DRIVE;

  const places: Place[] = [
    { key: 'me', label: t('drive.myDrive'), icon: 'drive', view: { kind: 'folder', drive: MY_DRIVE, folderId: null }, current: inDrive(MY_DRIVE) },
    ...groups.map((group): Place => {
      const ref = `group:${group.id}`;
      return { key: ref, label: group.name, icon: 'group', view: { kind: 'folder', drive: ref, folderId: null }, current: inDrive(ref) };
    }),
    { key: 'shared', label: t('drive.sharedWithMe'), icon: 'shared', view: { kind: 'shared' }, current: view.kind === 'shared' },
    { key: 'recent', label: t('drive.recent'), icon: 'recent', view: { kind: 'recent' }, current: view.kind === 'recent' },
    { key: 'trash', label: t('drive.trash'), icon: 'trash', view: { kind: 'trash', drive: trashDrive }, current: view.kind === 'trash' },
  ];

  return (
    <aside className="drive-sidebar">
      <nav aria-label={t('drive.places')}>
        <ul className="drive-places">
          {places.map((place, index) => (
            <li key={place.key} className={index === 1 && groups.length > 0 ? 'drive-place-groups' : place.key === 'shared' ? 'drive-place-gap' : undefined}>
              {index === 1 && groups.length > 0 && <span className="drive-places-heading">{t('drive.groupDrives')}</span>}
              <Link to={viewHref(place.view)} aria-current={place.current ? 'page' : undefined}>
                <PlaceIcon name={place.icon} />
                <span className="drive-place-label">{place.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <UsageMeter usage={usage} />
    </aside>
  );
}
