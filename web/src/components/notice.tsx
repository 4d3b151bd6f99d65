// A polite confirmation after a successful action, announced by screen readers.
import type { ReactNode } from 'react';

export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
