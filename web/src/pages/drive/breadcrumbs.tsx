// Where a folder is: its drive, then each folder down to it. The last step is
// the page's heading; the others are links back up.
import { Link } from 'react-router';
import type { DriveRef, PathStep } from '../../api/drive-types';
import { useT } from '../../i18n/i18n-context';
import { viewHref } from './drive-location';

interface BreadcrumbsProps {
  drive: DriveRef;
  driveName: string;
  /** Folders from the root down to the one shown (empty at the root). */
  path: PathStep[];
}

export function Breadcrumbs({ drive, driveName, path }: BreadcrumbsProps) {
  const t = useT();
  const steps = [{ id: null, name: driveName }, ...path.map((step) => ({ id: step.id as string | null, name: step.name }))];
  return (
    <nav className="breadcrumbs" aria-label={t('drive.breadcrumbs')}>
      <ol>
        {steps.map((step, index) =>
          index === steps.length - 1 ? (
            <li key={step.id ?? 'root'}>
              <h1 aria-current="location">{step.name}</h1>
            </li>
          ) : (
            <li key={step.id ?? 'root'}>
              <Link to={viewHref({ kind: 'folder', drive, folderId: step.id })}>{step.name}</Link>
              <span className="breadcrumb-separator" aria-hidden="true">›</span>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
