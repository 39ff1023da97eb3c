// Backups of a PostgreSQL store are pg_dump's job: it reads every table in one snapshot
// (REPEATABLE READ), keeps types, triggers and sequences exactly, and pg_restore brings them back.
// This says which commands, for the schema the store uses, without ever printing the password.
import { AppError } from '../../../domain/errors/index.js';

export interface PostgresBackupCommands {
  /** The schema the store's tables are in (`?schema=`, else public). */
  readonly schema: string;
  /** pg_dump writing a custom-format archive of that schema to the file. */
  readonly dump: string;
  /** pg_restore of that archive into an empty database (`DATABASE` stands for its URL). */
  readonly restore: string;
  /** The URL had a password, left out of the commands: pg_dump reads PGPASSWORD or ~/.pgpass. */
  readonly passwordOmitted: boolean;
}

/**
 * The commands for the store at `url` (postgres://USER:PASSWORD@HOST:PORT/DATABASE[?schema=S]).
 * libpq refuses the `schema` parameter, which is ours, so the commands carry it as --schema and the
 * URL without it.
 */
export function postgresBackupCommands(url: string, file: string): PostgresBackupCommands {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('CONFIG_INVALID', 'The PostgreSQL database URL (DATABASE_URL) is not a valid URL, so no backup command can be made for it.', {
      issues: [{ path: 'DATABASE_URL', message: 'not a valid URL' }],
      hint: 'Use postgres://USER:PASSWORD@HOST:5432/DATABASE, percent-encoding special characters in the password.',
    });
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const passwordOmitted = parsed.password !== '';
  parsed.password = '';
  const connection = parsed.toString();
  parsed.pathname = '/DATABASE';
  return {
    schema,
    dump: `pg_dump --format=custom --no-owner --schema=${shellQuote(schema)} --file=${shellQuote(file)} ${shellQuote(connection)}`,
    restore: `pg_restore --no-owner --exit-on-error --dbname=${shellQuote(parsed.toString())} ${shellQuote(file)}`,
    passwordOmitted,
  };
}

/** POSIX shell single-quoting (only where needed, so plain words read plainly). */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
