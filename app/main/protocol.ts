// The renderer is served from app://bundle/ (a privileged standard scheme), never from file://:
// module scripts and workers work, and every response carries the Content-Security-Policy.
import * as nodeFs from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged (before app ready). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  allowServiceWorkers: false,
  corsEnabled: false,
  bypassCSP: false,
  stream: false,
} as const;

/**
 * Everything comes from our bundle; no eval of JavaScript. 'wasm-unsafe-eval' lets the engine compile
 * its own SIMD matrix kernel (engine/kernels/wasm-gemm.ts); without it the engine falls back to plain
 * JS, about 3x slower. Inline styles are needed by React Flow's node transforms and KaTeX.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.bpgraph': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Both together make the page cross-origin isolated: SharedArrayBuffer, so the float32 path's
  // second thread (engine/kernels/gemm-threads.ts) can share its kernel's memory. Everything is ours.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Referrer-Policy': 'no-referrer',
};

export type ProtocolFs = Pick<typeof nodeFs, 'readFile' | 'realpath'>;

/**
 * True for app://bundle/… exactly. Compared part by part: `app://x@bundle/` has host "bundle" too,
 * and for a custom scheme URL.origin is "null", so neither host nor origin alone says enough.
 */
export function isBundleUrl(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

const inside = (base: string, file: string): boolean => file.startsWith(base + sep);

/** Maps a request URL to a file inside root, or null for anything outside it (by its path; see createBundleHandler for links). */
export function bundleFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isBundleUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`);
  return inside(base, file) ? file : null;
}

/** The protocol.handle('app', …) handler, serving files of the Vite build in root. */
export function createBundleHandler(root: string, fs: ProtocolFs = nodeFs): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: SECURITY_HEADERS });
    const file = bundleFileFor(root, request.url);
    if (file === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    let body: Buffer;
    try {
      // A symbolic link inside the bundle may point anywhere: judge (and read) where it really leads.
      const [realRoot, real] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
      if (!inside(realRoot, real)) throw new Error('outside the bundle');
      body = await fs.readFile(real);
    } catch {
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    }
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
  };
}
