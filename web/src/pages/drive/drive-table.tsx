// The table of every drive list (a folder, shared with me, recent, the
// trash): name, a date, size, actions. On a narrow screen only the name and
// the actions remain (drive.css hides the other columns).
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n-context';

interface DriveTableProps {
  label: string;
  /** The heading of the date column: when changed, or when deleted. */
  dateHeading: string;
  /** The rows. */
  children: ReactNode;
}

export function DriveTable({ label, dateHeading, children }: DriveTableProps) {
  const t = useT();
  return (
    <table className="drive-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('drive.column.name')}</th>
          <th scope="col" className="cell-modified">{dateHeading}</th>
          <th scope="col" className="cell-size">{t('drive.column.size')}</th>
          <th scope="col" className="cell-actions">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
