// A disclosure button that opens a small panel of links (user menu, instance
// switcher). It closes on Escape, on a click outside, and after a choice.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface DropdownProps {
  /** Content of the toggle button; also its accessible name. */
  button: ReactNode;
  buttonLabel?: string;
  align?: 'start' | 'end';
  /** Extra class for the panel, e.g. to make it wider. */
  panelClassName?: string;
  children: (close: () => void) => ReactNode;
}

export function Dropdown({ button, buttonLabel, align = 'start', panelClassName, children }: DropdownProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="dropdown" ref={rootRef}>
      <button
        type="button"
        ref={toggleRef}
        className="dropdown-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setOpen((isOpen) => !isOpen)}
      >
        {button}
        <span className="dropdown-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        className={`dropdown-panel dropdown-${align}${panelClassName ? ` ${panelClassName}` : ''}`}
        hidden={!open}
      >
        {open && children(() => setOpen(false))}
      </div>
    </div>
  );
}
