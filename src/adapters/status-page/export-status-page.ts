import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StatusPageSnapshot } from '../../app/status-page/index.js';
import { statusPageFiles } from './status-page-files.js';

/**
 * Writes the whole page as static files under `dir` (index.html, api/v2/*.json, status/feed.*, a feed per component under status/components),
 * so it can be hosted apart from the product. Each file is written beside its target and renamed
 * over it, so a web server never serves a half-written file. Returns the paths written.
 */
export async function exportStatusPage(dir: string, snapshot: StatusPageSnapshot): Promise<string[]> {
  const written: string[] = [];
  for (const file of statusPageFiles(snapshot.page.components)) {
    const target = join(dir, file.filePath);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.render(snapshot));
    await rename(temporary, target);
    written.push(file.filePath);
  }
  return written;
}
