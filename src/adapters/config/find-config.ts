import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Looked for in the working directory, in this order, when IR_CONFIG is not set. */
export const CONFIG_FILE_NAMES = ['incident-response.yaml', 'incident-response.yml'] as const;

/**
 * The configuration file to use, as an absolute path: IR_CONFIG (relative to `cwd`) when set,
 * even if it does not exist (loading then says so), else the first of CONFIG_FILE_NAMES in `cwd`;
 * undefined = no file, run on the defaults.
 */
export function findConfigPath(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env['IR_CONFIG']?.trim();
  if (fromEnv) return resolve(cwd, fromEnv);
  return CONFIG_FILE_NAMES.map((name) => join(resolve(cwd), name)).find(isFile);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
