// The one menu of the editor (File, Export, Examples, ⋯): Radix's dropdown, rendered in a portal above
// everything (the toolbar's clipping and stacking cannot hide it), opened and driven with the mouse or
// the keyboard (Enter/Space/↓ opens, ↑ ↓ move, Enter chooses, Esc or a click outside closes).
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import './layout.css';

export interface MenuCommand {
  kind?: 'command';
  id: string;
  label: ReactNode;
  /** Short text on the right: a shortcut or a file name (not part of the item's accessible name). */
  hint?: string;
  /** The shortcut, as aria-keyshortcuts spells it ("Control+S"). */
  keys?: string;
  title?: string;
  testId?: string;
  disabled?: boolean;
  /** A toggle or one choice of a group: shown with a check mark, announced as checked. */
  checked?: boolean;
  onSelect(): void;
}
export type MenuEntry = MenuCommand | { kind: 'separator'; id: string } | { kind: 'heading'; id: string; label: string };

interface MenuProps {
  /** The trigger's visible text. */
  label: ReactNode;
  /** The trigger's accessible name when its text is a symbol (⋯). */
  ariaLabel?: string;
  title?: string;
  testId?: string;
  entries: readonly MenuEntry[];
}

export function Menu({ label, ariaLabel, title, testId, entries }: MenuProps) {
  const [open, setOpen] = useState(false);
  const content = useRef<HTMLDivElement>(null);
  // Opened with the mouse too, the first item has the focus, so Enter chooses it and ↓ goes on from it.
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => {
      const el = content.current;
      if (el?.contains(document.activeElement) && document.activeElement !== el) return;
      el?.querySelector<HTMLElement>('[role^="menuitem"]:not([data-disabled])')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [open]);
  return (
    <DropdownMenu.Root open={open} onOpenChange={setOpen}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="bps-menu-trigger" aria-label={ariaLabel} title={title} data-testid={testId}>{label}</button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="bps-menu" align="start" sideOffset={4} collisionPadding={6} loop aria-label={ariaLabel ?? (typeof label === 'string' ? label : undefined)} ref={content}>
          {entries.map((e) => <Entry key={e.id} entry={e} />)}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function Entry({ entry }: { entry: MenuEntry }) {
  if (entry.kind === 'separator') return <DropdownMenu.Separator className="bps-menu-sep" />;
  if (entry.kind === 'heading') return <DropdownMenu.Label className="bps-menu-heading">{entry.label}</DropdownMenu.Label>;
  const body = (
    <>
      <span className="bps-menu-check" aria-hidden="true">{entry.checked ? '✓' : ''}</span>
      <span className="bps-menu-label">{entry.label}</span>
      {/* Not part of the item's name: shortcuts are announced through aria-keyshortcuts. */}
      {entry.hint ? <small className="bps-menu-hint muted" aria-hidden="true">{entry.hint}</small> : null}
    </>
  );
  if (entry.checked !== undefined) {
    return (
      <DropdownMenu.CheckboxItem className="bps-menu-item" checked={entry.checked} disabled={entry.disabled} title={entry.title} aria-keyshortcuts={entry.keys} data-testid={entry.testId} onSelect={entry.onSelect}>
        {body}
      </DropdownMenu.CheckboxItem>
    );
  }
  return (
    <DropdownMenu.Item className="bps-menu-item" disabled={entry.disabled} title={entry.title} aria-keyshortcuts={entry.keys} data-testid={entry.testId} onSelect={entry.onSelect}>
      {body}
    </DropdownMenu.Item>
  );
}
