import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFileFor, CONTENT_SECURITY_POLICY, createBundleHandler } from '../../app/main/protocol.ts';
import { tempDir } from './helpers.ts';

async function bundle(): Promise<string> {
  const root = join(await tempDir(), 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, '..', 'secret.txt'), 'secret');
  return root;
}

describe('app:// bundle protocol', () => {
  it('serves index.html for the root with the CSP and nosniff', async () => {
    const handler = createBundleHandler(await bundle());
    const res = await handler(new Request('app://bundle/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>t</title>');
  });

  it('serves module scripts as JavaScript', async () => {
    const res = await createBundleHandler(await bundle())(new Request('app://bundle/assets/app.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the bundle', async () => {
    const root = await bundle();
    const handler = createBundleHandler(root);
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt', 'app://bundle/%00index.html']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect(bundleFileFor(root, 'app://bundle/..%2F..%2Fsecret.txt')).toBeNull();
  });

  it('answers only for our host, and only reads', async () => {
    const handler = createBundleHandler(await bundle());
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await handler(new Request('app://bundle/missing.js'))).status).toBe(404);
  });

  it('has a strict policy: nothing remote, no eval, no plugins, no framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // WebAssembly compilation only (the engine's SIMD kernel), never eval of JavaScript.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });
});
