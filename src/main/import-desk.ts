import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportOutcome, ImportRequest } from '../adapters/cli/index.js';
import { parseConfig } from '../adapters/config/index.js';
import {
  guardForApiUrl, HttpTransport, readVendor, renderImportedConfig, SavedResponses, VENDOR_API, type VendorTransport,
} from '../adapters/import/index.js';
import {
  integrationCreateCommand, mapGrafanaOnCall, mapOpsgenie, mapPagerDuty, VENDOR_LABEL, type ImportResult,
} from '../app/import/index.js';
import { AppError, isAppError } from '../domain/errors/index.js';

export interface ImportEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  /** Tests shorten rate-limit waits; real runs wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * `import`: reads the source tool (its API with the key, or saved responses), maps it, checks the
 * result with the same loader `config validate` uses, and writes it — never over an existing file
 * without --force, never anything on --dry-run. The key is only ever put in the request header.
 */
export async function runImport(request: ImportRequest, progress: (line: string) => void, environment: ImportEnvironment): Promise<ImportOutcome> {
  const label = VENDOR_LABEL[request.vendor];
  const out = request.out === undefined ? undefined : resolve(environment.cwd, request.out);
  if (out !== undefined && !request.dryRun && !request.force && existsSync(out)) {
    throw new AppError('CONFLICT', `${request.out} already exists; the import does not overwrite it. Pass --force to replace it, or choose another --out.`, { issues: [{ path: 'out', message: 'file exists' }] });
  }
  const { transport, from } = await openTransport(request, progress, environment);
  const now = environment.now();
  let last = '';
  const read = await readVendor(request.vendor, transport, now, (section, done, total) => {
    const line = `${section} ${done}/${total ?? done}`;
    if (line !== last) progress(line);
    last = line;
  });
  const result: ImportResult = read.vendor === 'pagerduty' ? mapPagerDuty(read.snapshot, now)
    : read.vendor === 'opsgenie' ? mapOpsgenie(read.snapshot, now)
      : mapGrafanaOnCall(read.snapshot, now);
  const yaml = renderImportedConfig(result.config, header(result, from, new Date(now).toISOString()));
  try {
    parseConfig(yaml, out === undefined ? 'imported configuration' : basename(out));
  } catch (e) {
    if (!isAppError(e)) throw e;
    throw new AppError('INTERNAL', `The configuration imported from ${label} does not pass validation (${e.message}); nothing was written. This is a bug; please report it with the import summary.`, { issues: e.issues });
  }
  if (request.dryRun || out === undefined) return { result, from };
  await writeConfig(out, yaml, request.force);
  return { result, from, file: request.out ?? out };
}

async function openTransport(request: ImportRequest, progress: (line: string) => void, environment: ImportEnvironment): Promise<{ transport: VendorTransport; from: string }> {
  const label = VENDOR_LABEL[request.vendor];
  const api = VENDOR_API[request.vendor];
  if (request.fromDir !== undefined) {
    const dir = resolve(environment.cwd, request.fromDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new AppError('NOT_FOUND', `--from ${request.fromDir} is not a directory. Give the directory holding the saved ${label} responses (docs/migrate.md).`, { issues: [{ path: 'from', message: 'not a directory' }] });
    }
    return { transport: new SavedResponses(label, dir), from: `saved responses in ${request.fromDir}` };
  }
  const key = (request.apiKey ?? environment.env[api.keyVariable] ?? '').trim();
  if (key === '') {
    throw new AppError('VALIDATION', `No ${label} API key: set ${api.keyVariable} (or pass --api-key), or read saved responses with --from DIR.`, { issues: [{ path: 'api-key', message: 'required' }] });
  }
  const apiUrl = request.apiUrl ?? api.defaultUrl;
  if (apiUrl === undefined) {
    throw new AppError('VALIDATION', `Give the ${label} API URL with --api-url (OnCall → Settings shows it, e.g. https://oncall.example.com).`, { issues: [{ path: 'api-url', message: 'required' }] });
  }
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new AppError('VALIDATION', `--api-url '${apiUrl}' is not a URL; give one such as ${api.defaultUrl ?? 'https://oncall.example.com'}.`, { issues: [{ path: 'api-url', message: 'not a URL' }] });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new AppError('VALIDATION', `--api-url must be a plain http(s) URL without credentials, query or fragment, such as ${api.defaultUrl ?? 'https://oncall.example.com'}.`, { issues: [{ path: 'api-url', message: 'not a plain http(s) URL' }] });
  }
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    progress(`warning: --api-url is http://, so the ${label} API key travels unencrypted to ${url.host}; use https:// where you can.`);
  }
  const base = request.vendor === 'grafana-oncall' ? url.href.replace(/\/api\/v1\/?$/, '') : url.href;
  const transport = new HttpTransport({
    vendor: label, baseUrl: base, headers: api.headers(key), secret: key, guard: await guardForApiUrl(url.href), now: environment.now,
    ...(environment.sleep === undefined ? {} : { sleep: environment.sleep }),
    onWait: (ms, why) => progress(`${why}; waiting ${Math.ceil(ms / 1000)} s`),
  });
  return { transport, from: url.origin + url.pathname.replace(/\/+$/, '') };
}

function header(result: ImportResult, from: string, at: string): string[] {
  const lines = [
    `Imported from ${VENDOR_LABEL[result.vendor]} (${from}) at ${at} by "incident-response import".`,
    'Check it: incident-response config validate FILE; incident-response escalation lint --config FILE.',
    'What did not map exactly is listed in the import summary; docs/migrate.md says what to do next.',
  ];
  const commands = result.integrations.map(integrationCreateCommand).filter((c): c is string => c !== undefined);
  if (commands.length > 0) lines.push('', 'Integration keys to create (each is printed once), then point the sender at this server:', ...commands.map((c) => `  ${c}`));
  return lines;
}

/** Creates `path` (refusing an existing file unless `force`), via a temporary file renamed into place. */
async function writeConfig(path: string, text: string, force: boolean): Promise<void> {
  if (!force) {
    try {
      await writeFile(path, text, { flag: 'wx', mode: 0o644 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('CONFLICT', `${path} already exists; the import does not overwrite it. Pass --force to replace it.`);
      throw new AppError('VALIDATION', `Cannot write ${path}: ${(e as Error).message}.`, { issues: [{ path: 'out', message: 'cannot write' }] });
    }
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, { mode: 0o644 });
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw new AppError('VALIDATION', `Cannot write ${path}: ${(e as Error).message}.`, { issues: [{ path: 'out', message: 'cannot write' }] });
  }
}
