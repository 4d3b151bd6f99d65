// A row of links that behave as tabs: each tab is its own URL, so it can be
// bookmarked and the browser's back button works. The current one is marked
// with aria-current for assistive technology.
import { Link } from 'react-router';

export interface TabLink {
  to: string;
  label: string;
  current: boolean;
  /** A count shown after the label, e.g. pending requests. */
  count?: number;
}

export function TabLinks({ label, tabs }: { label: string; tabs: TabLink[] }) {
  return (
    <nav className="tab-links" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link to={tab.to} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
              {tab.count !== undefined && tab.count > 0 && (
                <span className="badge badge-accent">{tab.count}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
