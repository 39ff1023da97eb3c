// Lets the user edit text in $VISUAL / $EDITOR, as git commit does.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../domain/errors/index.js';

/**
 * Writes `text` to a temp file, runs the editor on it and returns what was saved. The editor
 * command may carry arguments ("code --wait"), so it runs through the shell with the path quoted.
 */
export async function editInEditor(text: string, fileName: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const editor = env['VISUAL']?.trim() || env['EDITOR']?.trim() || 'vi';
  const dir = await mkdtemp(join(tmpdir(), 'ir-edit-'));
  const path = join(dir, fileName.replace(/[^\w.-]/g, '_'));
  try {
    await writeFile(path, text, 'utf8');
    const result = spawnSync(`${editor} '${path.replace(/'/g, `'\\''`)}'`, { shell: true, stdio: 'inherit', env: env as NodeJS.ProcessEnv });
    if (result.error !== undefined || result.status !== 0) {
      throw new AppError('VALIDATION', `the editor '${editor}' ${result.error ? `could not start (${result.error.message})` : `exited with status ${result.status}`}; nothing was recorded.`, {
        hint: 'Set EDITOR (or VISUAL) to an editor that waits until you close the file, e.g. EDITOR="code --wait".',
      });
    }
    return await readFile(path, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
