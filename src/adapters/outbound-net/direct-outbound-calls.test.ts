import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Every outbound HTTP request the server makes goes through guardedRequest (or, where noted, the
// AddressGuard itself). This test fails when a file under src/ opens an HTTP client of its own.

const SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Where HTTP clients may be opened: the guard itself. */
const GUARD_FOLDER = 'adapters/outbound-net/';

/** Files that open an HTTP client directly, each with the reason that is safe. Paths are relative to src/. */
const ALLOWED: Readonly<Record<string, string>> = {
  'adapters/api-client/api-transport.ts':
    "the remote CLI's transport: it calls the incident-response server the user named (--api or IR_API_URL), most often their own machine, with their own token; redirects never followed; fetch is injected in tests",
  'adapters/api-client/event-stream-watch.ts':
    "the terminal dashboard's live feed: the event stream of the incident-response server the user named (--api or IR_API_URL), with their own token; redirects never followed",
  'adapters/metrics/probe-url.ts':
    'health checks: one GET through the AddressGuard (its lookup on the connected address and the literal-address check), redirects never followed',
  'main/signing-certificates.ts':
    "Amazon SNS signing certificates: https.get of an https SNS URL only (isTrustedSigningCertUrl), through the AddressGuard's lookup, redirects never followed",
};

/** What opening an HTTP client looks like in our TypeScript. */
const PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['fetch(', /\bfetch\s*\(/],
  ['globalThis.fetch', /\bglobalThis\.fetch\b/],
  ['http.request( / https.request( / .get(', /\bhttps?\.(request|get)\s*\(/],
  ['request or get imported from node:http or node:https', /import\s*\{[^}]*\b(request|get)\b[^}]*\}\s*from\s*['"](node:)?https?['"]/],
  ['node:http or node:https loaded at run time', /\b(import|require)\s*\(\s*['"](node:)?https?['"]\s*\)/],
  ['HTTP/2 client', /\bhttp2\.connect\s*\(|from\s*['"](node:)?http2['"]/],
  ['undici', /\bundici\b/],
  ['an HTTP client library', /from\s*['"](axios|got|node-fetch|ky|superagent)['"]/],
];

/** Test code calls its own local servers; it is not the product making requests. */
function isTestCode(path: string): boolean {
  return path.endsWith('.test.ts') || path.endsWith('-test-support.ts');
}

/** `path:line: what` for each line that opens an HTTP client (comment lines skipped). */
function findDirectCalls(path: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
    for (const [what, pattern] of PATTERNS) if (pattern.test(line)) found.push(`${path}:${i + 1}: ${what}`);
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC)
  .map((path) => relative(SRC, path).split(sep).join('/'))
  .filter((path) => !isTestCode(path) && !path.startsWith(GUARD_FOLDER));

describe('outbound HTTP goes through the SSRF guard', () => {
  it('no file under src/ opens an HTTP client of its own, except the listed ones', () => {
    const offending = files.filter((path) => ALLOWED[path] === undefined).flatMap((path) => findDirectCalls(path, readFileSync(join(SRC, path), 'utf8')));
    assert.deepEqual(offending, [], `Send these requests with guardedRequest from src/adapters/outbound-net (or list the file in ALLOWED with the reason it is safe):\n${offending.join('\n')}`);
  });

  it('every listed exception still opens a client (a stale entry is removed, not kept as a loophole)', () => {
    for (const path of Object.keys(ALLOWED)) {
      assert.ok(files.includes(path), `${path} is listed but does not exist`);
      assert.notDeepEqual(findDirectCalls(path, readFileSync(join(SRC, path), 'utf8')), [], `${path} no longer opens an HTTP client; remove it from ALLOWED`);
    }
  });

  it('recognises each way of opening a client, and not the guard\'s own types', () => {
    const caught = [
      "const r = await fetch(url, { redirect: 'manual' });",
      'const r = await this.fetch(url);',
      'const f = options.fetch ?? globalThis.fetch;',
      'const req = http.request(target, (res) => {});',
      'https.get(url, onAnswer);',
      "import { request as httpRequest } from 'node:http';",
      "import { get } from 'https';",
      "const { request } = await import('node:https');",
      "import { connect } from 'node:http2';",
      "import { request } from 'undici';",
      "import axios from 'axios';",
    ];
    for (const line of caught) assert.equal(findDirectCalls('x.ts', line).length > 0, true, line);
    const innocent = [
      "import type { IncomingHttpHeaders } from 'node:http';",
      "import { STATUS_CODES } from 'node:http';",
      'const reply = await guardedRequest({ method: "GET", url }, { guard, timeoutMs });',
      'fetchSigningCertificate: cachedCertificates(options.fetchSigningCertificate ?? fetchSnsSigningCertificate),',
      '// fetch(url) would skip the guard',
    ];
    for (const line of innocent) assert.deepEqual(findDirectCalls('x.ts', line), [], line);
  });
});
