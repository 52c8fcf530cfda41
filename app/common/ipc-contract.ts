// The one IPC contract between main and preload: each channel pairs its argument tuple and result
// with a runtime validator, so main checks what the page sends and types cannot drift.
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../../engine/index.ts';
import { exportFormatIds, fileFormatIds } from '../../interop/formats.ts';
import { OPAQUE_ID, simpleMenuCommands, themes, type MenuCommand } from './menu-commands.ts';

export { isMenuCommand, isRequestId, simpleMenuCommands, type MenuCommand, type SimpleMenuCommand, type Theme } from './menu-commands.ts';

/** Every channel carries this prefix; main refuses anything else. */
export const CHANNEL_PREFIX = 'bps:';

/**
 * Bytes of `s` in UTF-8 without encoding it (a lone surrogate counts as U+FFFD, 3 bytes, as
 * Buffer and TextEncoder write it). String length counts UTF-16 units: 50 M × '€' is 150 MB.
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const tooLarge = `documents larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`;
/** A serialized .bpgraph document as the page hands it over (never a path), at most MAX_FILE_BYTES in UTF-8. */
const documentText = z.string().max(MAX_FILE_BYTES, tooLarge).refine((s) => s.length * 3 <= MAX_FILE_BYTES || utf8ByteLength(s) <= MAX_FILE_BYTES, tooLarge);
const exportTooLarge = `exports larger than ${MAX_FILE_BYTES / 1024 / 1024} MB are refused`;
/** An export's text (a Python script …), under the same limit as a document. */
const exportText = z.string().max(MAX_FILE_BYTES, exportTooLarge).refine((s) => s.length * 3 <= MAX_FILE_BYTES || utf8ByteLength(s) <= MAX_FILE_BYTES, exportTooLarge);
/** An export's bytes (an ONNX model, a PNG figure), under the same limit. */
const exportBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected text or bytes').refine((b) => b.byteLength <= MAX_FILE_BYTES, exportTooLarge);
export const exportFormatSchema = z.enum(exportFormatIds);
/** What the export channel writes: a graph export or a figure (interop/formats.ts `fileFormats`). */
export const fileFormatSchema = z.enum(fileFormatIds);
/** Recent files and examples are named by an opaque id that main maps to a path. */
const opaqueId = z.string().regex(OPAQUE_ID, 'expected an opaque id');

export const openReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('opened'), text: z.string(), name: z.string(), restored: z.boolean() }).strict(),
  z.object({ status: z.literal('cancelled') }).strict(),
  z.object({ status: z.literal('error'), message: z.string() }).strict(),
]);
export type OpenReply = z.infer<typeof openReplySchema>;

export const saveReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), name: z.string() }).strict(),
  z.object({ status: z.literal('cancelled') }).strict(),
  z.object({ status: z.literal('error'), message: z.string() }).strict(),
]);
export type SaveReply = z.infer<typeof saveReplySchema>;

export const recentFileSchema = z.object({ id: opaqueId, name: z.string(), folder: z.string() }).strict();
export type RecentFile = z.infer<typeof recentFileSchema>;

export const themeSchema = z.enum(themes);

/** Menu commands main sends to the page; everything the page must act on itself. */
export const menuCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(simpleMenuCommands) }).strict(),
  z.object({ type: z.literal('open-recent'), id: opaqueId }).strict(),
  z.object({ type: z.literal('open-example'), id: opaqueId }).strict(),
  z.object({ type: z.literal('set-theme'), theme: themeSchema }).strict(),
  z.object({ type: z.literal('export'), format: exportFormatSchema }).strict(),
]) satisfies z.ZodType<MenuCommand>;

const none = z.tuple([]);
const ok = z.void();

/** invoke() channels: page → main. */
export const invokeContract = {
  'bps:file-open': { args: none, result: openReplySchema },
  'bps:file-open-dropped': { args: z.tuple([z.string().min(1).max(4096)]), result: openReplySchema },
  'bps:file-open-recent': { args: z.tuple([opaqueId]), result: openReplySchema },
  'bps:file-open-example': { args: z.tuple([opaqueId]), result: openReplySchema },
  'bps:file-startup': { args: none, result: openReplySchema.nullable() },
  'bps:file-new': { args: none, result: z.object({ proceed: z.boolean() }).strict() },
  'bps:file-save': { args: z.tuple([documentText]), result: saveReplySchema },
  'bps:file-save-as': { args: z.tuple([documentText]), result: saveReplySchema },
  'bps:file-recent': { args: none, result: z.array(recentFileSchema) },
  /** Format, suggested file name (main keeps only its last part), text; main asks where and writes it. */
  'bps:file-export': { args: z.tuple([fileFormatSchema, z.string().max(255), z.union([exportText, exportBytes])]), result: saveReplySchema },
  'bps:doc-set-dirty': { args: z.tuple([z.boolean()]), result: ok },
  'bps:doc-provide': { args: z.tuple([z.number().int().nonnegative(), documentText]), result: ok },
  'bps:autosave-write': { args: z.tuple([documentText]), result: ok },
  'bps:autosave-clear': { args: none, result: ok },
  'bps:open-external': { args: z.tuple([z.string().max(2048)]), result: z.boolean() },
} as const;
export type InvokeChannel = keyof typeof invokeContract;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>;

/** send() channels: main → page. */
export const eventContract = {
  'bps:menu-command': menuCommandSchema,
  /** Main asks for the current document text (Save on close/quit/open); answered on bps:doc-provide. */
  'bps:doc-request': z.number().int().nonnegative(),
} as const;
export type EventChannel = keyof typeof eventContract;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return channel.startsWith(CHANNEL_PREFIX) && Object.hasOwn(invokeContract, channel);
}
