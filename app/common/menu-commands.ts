// Menu command names and a dependency-free guard for them, so the sandboxed preload can check
// what main sends without bundling zod (test/app/ipc-contract.test.ts keeps it equal to the schema).
import { exportFormatIds, type ExportFormat } from '../../interop/formats.ts';

export const simpleMenuCommands = [
  'new', 'open', 'save', 'save-as', 'import-onnx', 'export-figure', 'copy-link', 'open-link',
  'undo', 'redo', 'delete', 'select-all',
  'fit-view', 'zoom-in', 'zoom-out', 'zoom-reset', 'toggle-annotations', 'toggle-presenter',
  'run', 'step-forward', 'step-back', 'train', 'stop',
] as const;
export type SimpleMenuCommand = (typeof simpleMenuCommands)[number];

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

export type MenuCommand =
  | { type: SimpleMenuCommand }
  | { type: 'open-recent'; id: string }
  | { type: 'open-example'; id: string }
  | { type: 'set-theme'; theme: Theme }
  | { type: 'export'; format: ExportFormat };

export const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;

function hasOnlyKeys(o: object, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && own.every((k) => keys.includes(k));
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.type !== 'string') return false;
  if ((simpleMenuCommands as readonly string[]).includes(v.type)) return hasOnlyKeys(v, ['type']);
  if (v.type === 'open-recent' || v.type === 'open-example') return hasOnlyKeys(v, ['type', 'id']) && typeof v.id === 'string' && OPAQUE_ID.test(v.id);
  if (v.type === 'set-theme') return hasOnlyKeys(v, ['type', 'theme']) && (themes as readonly unknown[]).includes(v.theme);
  if (v.type === 'export') return hasOnlyKeys(v, ['type', 'format']) && (exportFormatIds as readonly unknown[]).includes(v.format);
  return false;
}

export function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
