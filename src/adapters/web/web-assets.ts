// The web app's static files (stylesheet, script, service worker, manifest, icon) live in assets/
// beside this file, and in dist/web-assets/ beside the bundle (scripts/build.mjs copies them).
// Stylesheet, script and icon are served under a content-hashed query (?v=…) with a year-long
// immutable cache; the service worker and manifest keep fixed names and are revalidated.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ASSET_FILES = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  'sw.js': 'text/javascript; charset=utf-8',
  'manifest.webmanifest': 'application/manifest+json; charset=utf-8',
} as const;
export type AssetName = keyof typeof ASSET_FILES;

export interface WebAssets {
  /** The file's body, type and content hash. */
  readonly files: Readonly<Record<AssetName, { readonly body: Buffer; readonly type: string; readonly hash: string }>>;
  /** The URLs pages link to. */
  readonly urls: { readonly css: string; readonly js: string; readonly icon: string; readonly manifest: string; readonly sw: string };
}

function assetDirectory(): string {
  const candidates = ['./assets/', '../web-assets/', './web-assets/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  const found = candidates.find((dir) => existsSync(`${dir}app.css`));
  if (found === undefined) throw new Error(`The web app's files are missing: looked in ${candidates.join(', ')}. Run "npm run build" again.`);
  return found;
}

export function loadWebAssets(): WebAssets {
  const dir = assetDirectory();
  const files = Object.fromEntries(Object.entries(ASSET_FILES).map(([name, type]) => {
    const body = readFileSync(`${dir}${name}`);
    return [name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) }];
  })) as WebAssets['files'];
  const v = (name: AssetName) => `/app/assets/${name}?v=${files[name].hash}`;
  return { files, urls: { css: v('app.css'), js: v('app.js'), icon: v('icon.svg'), manifest: '/app/manifest.webmanifest', sw: '/app/sw.js' } };
}
