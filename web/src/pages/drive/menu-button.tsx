// A button that opens a menu of actions (the WAI-ARIA menu button pattern):
// arrow keys, Home and End move between the entries, Escape and Tab close
// it, and focus comes back to the button after a choice, so a dialog opened
// from the menu returns focus there when it closes.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuEntry {
  key: string;
  label: string;
  /** A link (downloads); otherwise onSelect runs. */
  href?: string;
  download?: boolean;
  onSelect?: () => void;
  danger?: boolean;
}

interface MenuButtonProps {
  /** The accessible name of the button, e.g. "Actions for report.pdf". */
  label: string;
  entries: MenuEntry[];
  children: ReactNode;
  className?: string;
}

export function MenuButton({ label, entries, children, className }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  const entryElements = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    entryElements()[0]?.focus();
    function onPointerDown(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const items = entryElements();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  }

  function onButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  }

  return (
    <div className={`action-menu${className ? ` ${className}` : ''}`} ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="button button-quiet action-menu-toggle"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={onButtonKeyDown}
      >
        {children}
      </button>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label={label} className="menu-popup" onKeyDown={onMenuKeyDown}>
          {entries.map((entry) => (
            <li key={entry.key} role="none">
              {entry.href ? (
                <a
                  role="menuitem"
                  tabIndex={-1}
                  className="menu-entry"
                  href={entry.href}
                  download={entry.download || undefined}
                  onClick={() => close()}
                >
                  {entry.label}
                </a>
              ) : (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={entry.danger ? 'menu-entry menu-entry-danger' : 'menu-entry'}
                  onClick={() => {
                    close();
                    entry.onSelect?.();
                  }}
                >
                  {entry.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
