// Puts the cursor in a dialog's first field once the dialog is open (its
// own focus goes to its Close button), selecting `selectEnd` characters
// of it: a file's name without its extension, ready to be retyped.
import { useEffect, type RefObject } from 'react';

export function useFocusField(open: boolean, container: RefObject<HTMLElement | null>, selectEnd?: (value: string) => number): void {
  useEffect(() => {
    if (!open) return;
    // Runs after the dialog's own effect (children first), so after showModal().
    const input = container.current?.querySelector('input');
    if (!input) return;
    input.focus();
    if (selectEnd) input.setSelectionRange(0, selectEnd(input.value));
  }, [open, container, selectEnd]);
}
