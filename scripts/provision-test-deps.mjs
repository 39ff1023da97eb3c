#!/usr/bin/env node
// Provisions what the test suite needs besides Node and the npm packages: Debian's chromium,
// prometheus, prometheus-alertmanager, pdftotext (poppler-utils), groff (groff-base, to render the
// man page) and the zsh and fish shells (to check the completion scripts), and a PostgreSQL server at
// TEST_DATABASE_URL (default 127.0.0.1:5432) with the database `test`. What is missing is installed
// with apt-get when this runs as root with apt-get available; otherwise it fails at once with the
// line to run. `npm test` runs it first.
//
// Usage: node scripts/provision-test-deps.mjs [--no-install]
//   --no-install   only check: never run apt-get or start PostgreSQL (creating database `test` is still done)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const INSTALL_LINE = 'sudo apt-get install -y chromium prometheus prometheus-alertmanager poppler-utils groff-base zsh fish postgresql';
const START_LINE = 'sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

const args = process.argv.slice(2);
for (const a of args) {
  if (a !== '--no-install') fail(`Unknown option ${a}: the only option is --no-install.`);
}
const mayInstall = !args.includes('--no-install');

/** The executables the tests run, where they look for them, and the Debian package of each. */
const BINARIES = [
  { name: 'chromium', pkg: 'chromium', find: () => executable('/usr/bin/chromium') },
  { name: 'prometheus', pkg: 'prometheus', find: () => executable('/usr/bin/prometheus') },
  // `promtool check metrics` lints /metrics (test/contracts/promtool-metrics.test.ts); Debian ships it in prometheus.
  { name: 'promtool', pkg: 'prometheus', find: () => executable('/usr/bin/promtool') },
  { name: 'prometheus-alertmanager', pkg: 'prometheus-alertmanager', find: () => executable('/usr/bin/prometheus-alertmanager') },
  { name: 'pdftotext', pkg: 'poppler-utils', find: () => onPath('pdftotext') },
  { name: 'groff', pkg: 'groff-base', find: () => executable('/usr/bin/groff') },
  { name: 'zsh', pkg: 'zsh', find: () => executable('/usr/bin/zsh') },
  { name: 'fish', pkg: 'fish', find: () => executable('/usr/bin/fish') },
];

const did = [];
let installedPostgres = false;

// 1. Executables and the PostgreSQL server packages.
const missing = BINARIES.filter((b) => b.find() === undefined);
const database = await probeDatabase(DATABASE_URL);
const local = LOCAL_HOSTS.has(new URL(DATABASE_URL).hostname);
const needsPostgresPackage = database.state === 'unreachable' && local && (clusterVersions().length === 0 || onPath('pg_ctlcluster') === undefined);
const packages = [...new Set([...missing.map((b) => b.pkg), ...(needsPostgresPackage ? ['postgresql'] : [])])];
if (packages.length > 0) {
  const what = [...missing.map((b) => `${b.name} (package ${b.pkg})`), ...(needsPostgresPackage ? ['the PostgreSQL server (package postgresql)'] : [])];
  const cannot = installBlocker();
  if (cannot !== undefined) failMissing(`${listing(what)} ${what.length === 1 ? 'is' : 'are'} missing, and this script cannot install ${what.length === 1 ? 'it' : 'them'}: ${cannot}.`);
  run('apt-get', ['update'], what);
  run('apt-get', ['install', '-y', ...packages], what);
  installedPostgres = needsPostgresPackage;
  const still = missing.filter((b) => b.find() === undefined);
  if (still.length > 0) failMissing(`apt-get installed ${packages.join(' ')} but ${listing(still.map((b) => b.name))} still cannot be found.`);
}

// 2. The server: started when it is local and installed but stopped.
let db = database;
if (db.state === 'unreachable') {
  if (!local) failMissing(`PostgreSQL at ${redact(DATABASE_URL)} (TEST_DATABASE_URL) cannot be reached: ${db.reason}. Start that server or unset TEST_DATABASE_URL to use 127.0.0.1:5432.`);
  const cannot = mayInstall ? (isRoot() ? undefined : 'it is not running as root') : '--no-install was given';
  if (cannot !== undefined) failMissing(`PostgreSQL at ${redact(DATABASE_URL)} cannot be reached (${db.reason}), and this script cannot start it: ${cannot}.`);
  const version = clusterVersions()[0];
  if (version === undefined) failMissing('PostgreSQL is installed but has no cluster in /etc/postgresql to start.');
  if (installedPostgres) allowLocalTrust(version);
  const start = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { encoding: 'utf8' });
  if (start.status === 2) {
    // Exit 2 is "already running": a fresh install may have started it (reload to read pg_hba.conf);
    // a cluster that was running all along is listening somewhere else.
    if (!installedPostgres) failMissing(`PostgreSQL ${version} is running but does not answer at ${redact(DATABASE_URL)} (${db.reason}); check its port in /etc/postgresql/${version}/main/postgresql.conf or set TEST_DATABASE_URL.`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'reload']);
  } else if (start.status !== 0) {
    failMissing(`pg_ctlcluster could not start PostgreSQL ${version}: ${(start.stderr || start.stdout || String(start.error)).trim()}.`);
  } else {
    did.push(`started PostgreSQL ${version} (pg_ctlcluster --skip-systemctl-redirect ${version} main start)`);
  }
  db = await waitForDatabase(DATABASE_URL, 30_000);
  if (db.state === 'unreachable') failMissing(`PostgreSQL ${version} was started but ${redact(DATABASE_URL)} is still unreachable after 30 s: ${db.reason}.`);
}
if (db.state === 'refused') {
  fail(`PostgreSQL at ${redact(DATABASE_URL)} refused the connection: ${db.reason}. The tests connect without a password: allow "trust" for 127.0.0.1 in pg_hba.conf, or set TEST_DATABASE_URL to a URL with the password.`);
}

// 3. The database `test` (or the one TEST_DATABASE_URL names).
if (db.state === 'no-database') {
  const name = decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1));
  const created = await createDatabase(DATABASE_URL, name);
  if (created !== undefined) fail(`Cannot create the database "${name}" at ${redact(DATABASE_URL)}: ${created}. Create it with: psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE ${name}'`);
  did.push(`created the database ${name}`);
}

console.log('Test dependencies:');
for (const b of BINARIES) console.log(`  ${b.name.padEnd(24)} ${b.find()}`);
console.log(`  ${'PostgreSQL'.padEnd(24)} ${redact(DATABASE_URL)}`);
for (const d of did) console.log(`  (${d})`);

// ---------------------------------------------------------------------------------------------

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

function onPath(name) {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const found = executable(join(dir, name));
    if (found !== undefined) return found;
  }
  return undefined;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Why packages cannot be installed here, or undefined when they can. */
function installBlocker() {
  if (!mayInstall) return '--no-install was given';
  if (!isRoot()) return 'it is not running as root';
  if (onPath('apt-get') === undefined) return 'apt-get is not on PATH';
  return undefined;
}

function run(command, commandArgs, what) {
  const line = `${command} ${commandArgs.join(' ')}`;
  console.log(`provision-test-deps: ${line}`);
  const r = spawnSync(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) failMissing(`${listing(what)} could not be installed: "${line}" ${r.error ? `failed (${r.error.message})` : `exited with ${r.status ?? r.signal}`}.`);
  did.push(`ran ${line}`);
}

function clusterVersions() {
  try {
    return readdirSync('/etc/postgresql').filter((v) => existsSync(join('/etc/postgresql', v, 'main'))).sort();
  } catch {
    return [];
  }
}

/**
 * A cluster this script just installed answers 127.0.0.1 and ::1 without a password, as the tests
 * expect (Debian's default asks for one). Never done to a cluster that was already there.
 */
function allowLocalTrust(version) {
  const hba = join('/etc/postgresql', version, 'main', 'pg_hba.conf');
  const lines = '# Added by incident-response scripts/provision-test-deps.mjs: the test suite connects without a password.\n'
    + 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n';
  writeFileSync(hba, lines + readFileSync(hba, 'utf8'));
  did.push(`allowed passwordless connections from 127.0.0.1 and ::1 in ${hba}`);
}

async function loadPg() {
  try {
    return (await import('pg')).default;
  } catch {
    fail('Cannot check PostgreSQL: the npm packages are not installed. Run "npm ci" first.');
  }
}

/** ok | no-database | unreachable (nothing answers) | refused (it answered no), with the reason. */
async function probeDatabase(url) {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { state: 'ok' };
  } catch (e) {
    const code = e?.code;
    if (code === '3D000') return { state: 'no-database' };
    const reason = e instanceof Error ? e.message : String(e);
    if (['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT', '57P03'].includes(code) || /timeout/i.test(reason)) return { state: 'unreachable', reason };
    return { state: 'refused', reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForDatabase(url, withinMs) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const r = await probeDatabase(url);
    if (r.state !== 'unreachable' || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function createDatabase(url, name) {
  const pg = await loadPg();
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function listing(names) {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The URL without its password, for messages. */
function redact(url) {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
}

function failMissing(why) {
  fail(`Cannot run the tests: ${why}\nInstall what the test suite needs with:\n  ${INSTALL_LINE}\nthen start PostgreSQL with:\n  ${START_LINE}`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
