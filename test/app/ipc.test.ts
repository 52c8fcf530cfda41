import { describe, expect, it, vi } from 'vitest';
import { invokeContract } from '../../app/common/ipc-contract.ts';
import { checkInvoke, DocumentBroker, isTrustedSender, registerInvokeHandlers, sendEvent, type Handlers, type IpcEventLike } from '../../app/main/ipc.ts';

const OURS = 7;
const ours = new Set([OURS]);
const event = (over: { id?: number; url?: string; parent?: unknown; frame?: null }): IpcEventLike => ({
  sender: { id: over.id ?? OURS },
  senderFrame: over.frame === null ? null : { url: over.url ?? 'app://bundle/index.html', parent: over.parent ?? null },
});

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing our bundle', () => {
    expect(isTrustedSender(event({}), ours)).toBe(true);
  });
  it('rejects another window', () => {
    expect(isTrustedSender(event({ id: 99 }), ours)).toBe(false);
  });
  it('rejects a subframe of our window', () => {
    expect(isTrustedSender(event({ parent: { url: 'app://bundle/index.html' } }), ours)).toBe(false);
  });
  it('rejects foreign origins, including look-alikes', () => {
    for (const url of ['https://evil.example/', 'file:///home/me/index.html', 'app://bundle.evil/index.html', 'app://other/index.html', 'http://bundle/', 'not a url',
      'app://x@bundle/', 'app://x:y@bundle/index.html', 'app://:y@bundle/', 'app://bundle:1/', 'APP://evil@bundle/']) {
      expect(isTrustedSender(event({ url }), ours), url).toBe(false);
    }
  });
  it('rejects a destroyed frame', () => {
    expect(isTrustedSender(event({ frame: null }), ours)).toBe(false);
  });
});

describe('checkInvoke', () => {
  const trusted = (e: IpcEventLike) => isTrustedSender(e, ours);
  it('refuses an unknown channel', () => {
    expect(() => checkInvoke('bps:eval', event({}), [], trusted)).toThrow(/unknown channel/);
  });
  it('refuses an untrusted sender before looking at arguments', () => {
    expect(() => checkInvoke('bps:file-save', event({ id: 1 }), ['{}'], trusted)).toThrow(/not a window of this app/);
  });
  it('refuses bad arguments', () => {
    expect(() => checkInvoke('bps:doc-set-dirty', event({}), ['yes'], trusted)).toThrow(/bad arguments/);
  });
  it('passes validated arguments through', () => {
    expect(checkInvoke('bps:doc-set-dirty', event({}), [true], trusted)).toEqual([true]);
  });
});

describe('registerInvokeHandlers', () => {
  function wire(overrides: Partial<Handlers> = {}) {
    const listeners = new Map<string, (e: IpcEventLike, ...a: unknown[]) => unknown>();
    const fail = () => { throw new Error('not expected'); };
    const handlers = Object.fromEntries(Object.keys(invokeContract).map((c) => [c, overrides[c as keyof Handlers] ?? fail])) as unknown as Handlers;
    registerInvokeHandlers({ handle: (c, l) => listeners.set(c, l) }, handlers, (e) => isTrustedSender(e, ours));
    return listeners;
  }

  it('registers exactly the contract channels', () => {
    expect([...wire().keys()].sort()).toEqual(Object.keys(invokeContract).sort());
  });

  it('runs the handler for a trusted, valid call and returns its checked result', async () => {
    const setDirty = vi.fn();
    const l = wire({ 'bps:doc-set-dirty': setDirty });
    await expect(l.get('bps:doc-set-dirty')!(event({}), true)).resolves.toBeUndefined();
    expect(setDirty).toHaveBeenCalledWith(true);
  });

  it('never runs the handler for a foreign sender or bad arguments', async () => {
    const save = vi.fn(async () => ({ status: 'saved' as const, name: 'x' }));
    const l = wire({ 'bps:file-save': save });
    await expect(l.get('bps:file-save')!(event({ url: 'https://evil.example/' }), '{}')).rejects.toThrow(/refused/);
    await expect(l.get('bps:file-save')!(event({}), 12)).rejects.toThrow(/bad arguments/);
    expect(save).not.toHaveBeenCalled();
  });

  it('refuses to return a result that breaks the contract (no path leaks)', async () => {
    const l = wire({ 'bps:file-open': async () => ({ status: 'opened', text: '{}', name: 'a', restored: false, path: '/home/me/a' }) as never });
    await expect(l.get('bps:file-open')!(event({}))).rejects.toThrow();
  });
});

describe('sendEvent', () => {
  it('validates what main sends to the page', () => {
    const send = vi.fn();
    sendEvent({ send }, 'bps:menu-command', { type: 'run' });
    expect(send).toHaveBeenCalledWith('bps:menu-command', { type: 'run' });
    expect(() => sendEvent({ send }, 'bps:menu-command', { type: 'format-disk' } as never)).toThrow();
  });
});

describe('DocumentBroker', () => {
  it('pairs each request with its answer and ignores stale ids', async () => {
    const asked: number[] = [];
    const broker = new DocumentBroker((id) => asked.push(id));
    const first = broker.request();
    const second = broker.request();
    broker.provide(asked[1]!, 'second');
    broker.provide(asked[0]!, 'first');
    broker.provide(99, 'nobody asked');
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('gives up when the page does not answer', async () => {
    const broker = new DocumentBroker(() => undefined, 20);
    await expect(broker.request()).rejects.toThrow(/did not hand over/);
  });
});
