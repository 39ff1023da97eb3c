// The web app's pages escape by default: @kitajs/html's XSS checker (xss-scan) finds no text
// interpolated into HTML without `safe`, and it does fail on such a page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const CLI = join(ROOT, 'node_modules/@kitajs/ts-html-plugin/dist/cli.js');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

function scan(cwd: string, files: string[]) {
  return spawnSync(process.execPath, [CLI, '--project', join(cwd, 'tsconfig.json'), ...files], { cwd, encoding: 'utf8' });
}

describe('XSS check of the web pages', () => {
  it('finds no unescaped interpolation in any page or component', () => {
    const files = tsxFiles(HERE);
    assert.ok(files.length >= 10, `found ${files.length} .tsx files`);
    const result = scan(ROOT, files);
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  });

  it('fails a page that interpolates text without escaping it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-xss-'));
    try {
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, jsx: 'react-jsx', jsxImportSource: '@kitajs/html', module: 'NodeNext', moduleResolution: 'NodeNext', typeRoots: [join(ROOT, 'node_modules/@types')], baseUrl: ROOT, paths: { '@kitajs/html': [join(ROOT, 'node_modules/@kitajs/html')], '@kitajs/html/*': [join(ROOT, 'node_modules/@kitajs/html/*')] } }, include: ['*.tsx'] }));
      writeFileSync(join(dir, 'page.tsx'), 'export function Title(p: { title: string }): JSX.Element {\n  return <h1>{p.title}</h1>;\n}\n');
      const result = scan(dir, [join(dir, 'page.tsx')]);
      assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout + result.stderr, /K601/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
