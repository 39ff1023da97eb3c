#!/usr/bin/env node
// Replays the Dockerfile's build on this machine, without a container engine: each stage in its own
// temp directory with exactly the files its COPY lines name, the deps stage's RUN lines as written,
// then the runtime stage's files assembled and its ENTRYPOINT + CMD started as the container would
// (on a free port), asked for --version, /readyz, and the HEALTHCHECK command. What cannot be
// replayed here: the base images (this machine's Node stands in for node:20-bookworm[-slim]), USER
// and file ownership (we are whoever runs this), and the build stage's `npm ci` of dev dependencies
// (the repository's node_modules is linked instead, to save minutes and network).
//
// Usage: node scripts/docker-build-steps.mjs [--reuse-native-build] [--keep]
//   --reuse-native-build  copy better-sqlite3's compiled addon from the repository instead of running
//                         the deps stage's `npm rebuild better-sqlite3` (a minute of compiling)
//   --keep                leave the temp directory (printed) for inspection
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flags = new Set(process.argv.slice(2));
for (const f of flags) if (!['--reuse-native-build', '--keep'].includes(f)) fail(`Unknown option ${f}. Use --reuse-native-build or --keep.`);

/** The Dockerfile as stages of instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages = [];
  for (const line of lines) {
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`Cannot read Dockerfile line: ${line}`);
    const instruction = m[1].toUpperCase();
    const args = m[2];
    if (instruction === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ image: f[1], name: f[2], steps: [] });
    } else {
      stages.at(-1).steps.push({ instruction, args });
    }
  }
  return stages;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

function run(command, cwd, env = {}) {
  console.log(`$ (${cwd}) ${command}`);
  const r = spawnSync('sh', ['-c', command], { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`Step failed (exit ${r.status}): ${command}`);
}

/** COPY [--from=stage] SRC... DEST, relative to the stage's WORKDIR. */
function copy(step, stageDirs, contextDir, workdir) {
  const parts = step.args.split(/\s+/);
  const from = parts[0].startsWith('--from=') ? parts.shift().slice('--from='.length) : undefined;
  const dest = parts.pop();
  const source = from === undefined ? contextDir : stageDirs.get(from);
  if (source === undefined) fail(`COPY --from=${from}: no such stage`);
  for (const src of parts) {
    const absSrc = join(source, src.replace(/^\/app\//, ''));
    const target = dest.endsWith('/') && !src.endsWith('/') ? join(workdir, dest, src.split('/').filter(Boolean).at(-1)) : join(workdir, dest);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(absSrc, target, { recursive: true, dereference: from !== undefined, filter: (p) => !(from === undefined && /\.test\.ts$/.test(p)) });
  }
}

function freePort() {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

async function main() {
  const stages = parseDockerfile(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const byName = new Map(stages.map((s) => [s.name, s]));
  for (const name of ['deps', 'build', 'runtime']) if (!byName.has(name)) fail(`The Dockerfile has no stage named ${name}.`);
  const root = mkdtempSync(join(tmpdir(), 'ir-docker-steps-'));
  console.log(`Replaying the Dockerfile in ${root}`);
  const stageDirs = new Map();
  try {
    // deps: COPY the manifests, RUN as written (npm ci --omit=dev …, npm rebuild better-sqlite3).
    const deps = join(root, 'deps');
    mkdirSync(deps);
    stageDirs.set('deps', deps);
    for (const step of byName.get('deps').steps) {
      if (step.instruction === 'COPY') copy(step, stageDirs, repo, deps);
      else if (step.instruction === 'RUN') {
        const commands = step.args.split('&&').map((c) => c.trim());
        for (const c of commands) {
          if (c === 'npm rebuild better-sqlite3' && flags.has('--reuse-native-build')) {
            console.log('$ (reusing the repository\'s compiled better-sqlite3 addon instead of npm rebuild better-sqlite3)');
            cpSync(join(repo, 'node_modules/better-sqlite3/build'), join(deps, 'node_modules/better-sqlite3/build'), { recursive: true });
          } else run(c.startsWith('npm ci') ? `${c} --prefer-offline` : c, deps);
        }
      }
    }
    // build: COPY the sources; the dev dependencies come from the repository; RUN the build.
    const build = join(root, 'build');
    mkdirSync(build);
    stageDirs.set('build', build);
    for (const step of byName.get('build').steps) {
      if (step.instruction === 'COPY') copy(step, stageDirs, repo, build);
      else if (step.instruction === 'RUN') {
        if (step.args.startsWith('npm ci')) {
          console.log(`$ (linking the repository's node_modules instead of: ${step.args})`);
          if (!existsSync(join(build, 'node_modules'))) symlinkSync(join(repo, 'node_modules'), join(build, 'node_modules'));
        } else run(step.args, build);
      }
    }
    // runtime: only what the COPY lines bring; ENV as set; then start it like the container.
    const app = join(root, 'runtime');
    mkdirSync(app);
    stageDirs.set('runtime', app);
    const env = {};
    let entrypoint; let cmd; let healthcheck;
    for (const step of byName.get('runtime').steps) {
      if (step.instruction === 'COPY') copy(step, stageDirs, repo, app);
      else if (step.instruction === 'ENV') for (const m of step.args.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
      else if (step.instruction === 'ENTRYPOINT') entrypoint = JSON.parse(step.args);
      else if (step.instruction === 'CMD') cmd = JSON.parse(step.args);
      else if (step.instruction === 'HEALTHCHECK') healthcheck = JSON.parse(step.args.slice(step.args.indexOf('CMD') + 3).trim());
    }
    if (existsSync(join(app, 'node_modules/.bin/esbuild')) || existsSync(join(app, 'node_modules/typescript'))) fail('The runtime stage holds development dependencies.');
    // The container's /data, here inside the temp directory.
    const data = join(root, 'data');
    mkdirSync(data);
    const runEnv = { ...env, IR_DB: join(data, 'incident-response.db'), XDG_STATE_HOME: join(data, 'state'), HOME: data, PATH: process.env.PATH };
    const [node, ...entryArgs] = entrypoint;
    const version = spawnSync(process.execPath, [...entryArgs, '--version'], { cwd: app, env: runEnv, encoding: 'utf8' });
    if (version.status !== 0) fail(`${node} ${entryArgs.join(' ')} --version failed: ${version.stderr}`);
    console.log(`--version: ${version.stdout.trim()}`);

    const port = await freePort();
    const args = cmd.map((a) => (a === '8080' ? String(port) : a));
    console.log(`$ (${app}) ${node} ${[...entryArgs, ...args].join(' ')}`);
    const server = spawn(process.execPath, [...entryArgs, ...args], { cwd: app, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = new Promise((done) => server.on('exit', (code) => done(code)));
    await new Promise((done, reject) => {
      server.stdout.on('data', () => { if (/Listening on /.test(output)) done(); });
      void exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
    });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const body = await ready.text();
    console.log(`GET /readyz: ${ready.status} ${body}`);
    if (ready.status !== 200) fail('/readyz did not answer 200.');
    const [hcNode, ...hcArgs] = healthcheck;
    const hc = spawnSync(process.execPath, hcArgs.map((a) => a.replace(':8080/', `:${port}/`)), { cwd: app, env: runEnv, encoding: 'utf8' });
    console.log(`HEALTHCHECK (${hcNode} ${hcArgs[0]} …): exit ${hc.status}`);
    if (hc.status !== 0) fail(`The HEALTHCHECK command failed: ${hc.stderr}`);
    server.kill('SIGTERM');
    const code = await exited;
    console.log(`serve stopped on SIGTERM with exit ${code}`);
    if (code !== 0) fail(`serve exited with ${code} on SIGTERM:\n${output}`);
    console.log('OK: the image\'s build steps produce a runtime that starts, answers /readyz and passes its HEALTHCHECK.');
  } finally {
    if (flags.has('--keep')) console.log(`Kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

await main();
