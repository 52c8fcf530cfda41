import { mkdir, symlink, writeFile } from 'node:fs/promises';
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
    // Cross-origin isolated (SharedArrayBuffer for the float32 path's second thread).
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await res.text()).toContain('<title>t</title>');
  });

  it('serves module scripts as JavaScript', async () => {
    const res = await createBundleHandler(await bundle())(new Request('app://bundle/assets/app.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // Workers are isolated only when their script carries COEP too.
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('never serves a file outside the bundle', async () => {
    const root = await bundle();
    const handler = createBundleHandler(root);
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/assets/..%2f..%2fsecret.txt', 'app://bundle/%00index.html']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect(bundleFileFor(root, 'app://bundle/..%2F..%2Fsecret.txt')).toBeNull();
  });

  it('never serves what a symbolic link inside the bundle points to outside it', async () => {
    const root = await bundle();
    await symlink(join(root, '..', 'secret.txt'), join(root, 'assets', 'leak.txt'));
    await symlink(join(root, '..'), join(root, 'up'));
    const handler = createBundleHandler(root);
    expect((await handler(new Request('app://bundle/assets/leak.txt'))).status).toBe(404);
    expect((await handler(new Request('app://bundle/up/secret.txt'))).status).toBe(404);
  });

  it('serves a bundle that is itself reached through a link, and links that stay inside it', async () => {
    const root = await bundle();
    const linkedRoot = join(root, '..', 'linked-dist');
    await symlink(root, linkedRoot);
    await symlink(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    const handler = createBundleHandler(linkedRoot);
    expect((await handler(new Request('app://bundle/index.html'))).status).toBe(200);
    expect(await (await handler(new Request('app://bundle/alias.js'))).text()).toBe('console.log(1)');
  });

  it('maps only our host without credentials or port', async () => {
    const root = await bundle();
    // (A fetch Request cannot even be built with credentials, so the mapping is checked directly.)
    for (const url of ['app://x@bundle/index.html', 'app://x:y@bundle/index.html', 'app://:y@bundle/index.html', 'app://bundle:8080/index.html']) {
      expect(bundleFileFor(root, url), url).toBeNull();
    }
    expect((await createBundleHandler(root)(new Request('app://bundle:8080/index.html'))).status).toBe(404);
    expect(bundleFileFor(root, 'app://bundle/index.html')).toBe(join(root, 'index.html'));
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
