#!/usr/bin/env node
// Builds the `incident-response` executable as one ESM entry file plus lazily loaded chunks. One bundled file starts in about
// half the time of ~400 separate ES modules (Kysely alone is 280), which matters for a command
// typed during an incident. Native and optional drivers stay external.
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { 'incident-response': 'src/main/bin.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // The server, its HTTP stack and the drivers are dynamic imports: separate chunks that a
  // short command like `list` never parses.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ink loads react-devtools-core only when DEV=true; it is not installed.
  external: ['better-sqlite3', 'pg', 'pg-native', 'playwright-core', 'react-devtools-core'],
  banner: { js: "import { createRequire as __irCreateRequire } from 'node:module';\nconst require = __irCreateRequire(import.meta.url);" },
  define: { __IR_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
// The web app's stylesheet, script, service worker and manifest are files, served from beside the bundle.
cpSync(new URL('../src/adapters/web/assets', import.meta.url), new URL('../dist/web-assets', import.meta.url), { recursive: true });
