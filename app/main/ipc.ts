// The single entry point for page → main messages: every invoke is checked for channel, sender
// and arguments before its handler runs, and its result is checked before it leaves.
import {
  eventContract, invokeContract, isInvokeChannel,
  type EventChannel, type EventPayload, type InvokeArgs, type InvokeChannel, type InvokeResult,
} from '../common/ipc-contract.ts';
import { isBundleUrl } from './protocol.ts';

/** The parts of an Electron IpcMainInvokeEvent the checks read. */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}

/** True for the main frame of a window we created, showing our own bundle. */
export function isTrustedSender(event: IpcEventLike, ourWebContentsIds: ReadonlySet<number>): boolean {
  if (!ourWebContentsIds.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return isBundleUrl(url);
}

export type Handlers = { [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C> };

export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

/** Checks one call; returns the validated arguments or throws IpcRefusal naming what was wrong. */
export function checkInvoke(channel: string, event: IpcEventLike, args: unknown[], trusted: (e: IpcEventLike) => boolean): unknown[] {
  if (!isInvokeChannel(channel)) throw new IpcRefusal(`unknown channel "${channel}"`);
  if (!trusted(event)) throw new IpcRefusal(`"${channel}" refused: the sender is not a window of this app`);
  const parsed = invokeContract[channel].args.safeParse(args);
  if (!parsed.success) throw new IpcRefusal(`"${channel}" refused: bad arguments (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data as unknown[];
}

export function registerInvokeHandlers(ipc: IpcMainLike, handlers: Handlers, trusted: (e: IpcEventLike) => boolean): void {
  for (const channel of Object.keys(invokeContract) as InvokeChannel[]) {
    ipc.handle(channel, async (event, ...args) => {
      const valid = checkInvoke(channel, event, args, trusted);
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      const result = await handler(...valid);
      return invokeContract[channel].result.parse(result);
    });
  }
}

/** Main → page: validated before sending, so main cannot emit what the preload would reject. */
export function sendEvent<C extends EventChannel>(target: { send(channel: string, payload: unknown): void }, channel: C, payload: EventPayload<C>): void {
  target.send(channel, eventContract[channel].parse(payload));
}

/** Pulls the document text from the page: main sends a numbered request, the page answers it. */
export class DocumentBroker {
  #next = 0;
  readonly #pending = new Map<number, { resolve(text: string): void; reject(e: Error): void }>();

  constructor(private readonly ask: (requestId: number) => void, private readonly timeoutMs = 10_000) {}

  request(): Promise<string> {
    const id = this.#next++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error('the window did not hand over the document in time'));
      }, this.timeoutMs);
      this.#pending.set(id, {
        resolve: (text) => { clearTimeout(timer); resolve(text); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.ask(id);
    });
  }

  /** The page's answer; unknown or stale ids are ignored. */
  provide(requestId: number, text: string): void {
    const waiting = this.#pending.get(requestId);
    if (waiting === undefined) return;
    this.#pending.delete(requestId);
    waiting.resolve(text);
  }
}
