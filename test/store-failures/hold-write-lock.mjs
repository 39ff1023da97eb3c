// A second process holding SQLite's write lock: opens the database at argv[2], runs BEGIN IMMEDIATE,
// prints "locked", and rolls back and exits when its stdin closes (or a line arrives).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Sqlite = require('better-sqlite3');
const db = new Sqlite(process.argv[2], { fileMustExist: true });
db.exec('begin immediate');
process.stdout.write('locked\n');
const release = () => {
  db.exec('rollback');
  db.close();
  process.exit(0);
};
process.stdin.on('data', release);
process.stdin.on('end', release);
