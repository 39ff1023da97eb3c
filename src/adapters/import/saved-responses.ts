import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../domain/errors/index.js';
import type { VendorRequest, VendorTransport } from './vendor-transport.js';

/**
 * The file a request's saved response is read from (docs/migrate.md): the request's path under the
 * API URL with ".json" appended, pages after the first as ".page-N.json", the query left out —
 * GET /schedules/P1/overrides → DIR/schedules/P1/overrides.json, page 2 of /users → DIR/users.page-2.json.
 */
export function savedResponseFile(dir: string, request: VendorRequest): string {
  const segments = request.path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) {
    throw new AppError('VALIDATION', `The saved responses cannot name '${request.path}': an id read from them is not a plain name. Check the files in ${dir}.`);
  }
  const last = segments.pop()!;
  const file = resolve(dir, ...segments, `${last}${request.page > 1 ? `.page-${request.page}` : ''}.json`);
  const inside = relative(resolve(dir), file);
  if (inside.startsWith('..') || inside.startsWith(sep)) throw new AppError('VALIDATION', `The saved responses cannot name '${request.path}': it leads outside ${dir}.`);
  return file;
}

/** Answers requests from a directory of saved API responses (`import … --from DIR`). */
export class SavedResponses implements VendorTransport {
  constructor(private readonly vendor: string, private readonly dir: string) {}

  async get(request: VendorRequest, options: { readonly optional?: boolean } = {}): Promise<unknown> {
    const file = savedResponseFile(this.dir, request);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (options.optional === true) return undefined;
        throw new AppError('NOT_FOUND', `No saved response for ${vendorRequest(request)}: ${relativeName(this.dir, file)} does not exist in ${this.dir}. Save the ${this.vendor} API's answer there (docs/migrate.md lists the files).`);
      }
      throw new AppError('VALIDATION', `Cannot read ${file}: ${(e as Error).message}.`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new AppError('VALIDATION', `${file} is not valid JSON (${(e as Error).message}). Save the ${this.vendor} API's answer there unchanged.`);
    }
  }
}

function vendorRequest(request: VendorRequest): string {
  return `GET ${request.path}${request.page > 1 ? ` page ${request.page}` : ''}`;
}

function relativeName(dir: string, file: string): string {
  return relative(dir, file) || join('.', file);
}
