// A child process for tests of many processes at once: prints "ready", waits for a line on stdin,
// then opens the store at argv[2] (sqlite | postgres) / argv[3] (location), declares one incident
// and prints its id as JSON.
import { createInterface } from 'node:readline';
import { openPostgresStore, openSqliteStore } from '../../src/adapters/storage/index.js';
import { declareIncident } from './incidents.js';

const [kind, location] = process.argv.slice(2);
if (location === undefined || (kind !== 'sqlite' && kind !== 'postgres')) {
  console.error('usage: open-store-process.ts sqlite|postgres LOCATION');
  process.exit(2);
}
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();

const store = kind === 'sqlite' ? await openSqliteStore(location) : await openPostgresStore(location);
try {
  const { state } = await declareIncident(store, {}, undefined, `process-${process.pid}`);
  process.stdout.write(`${JSON.stringify({ id: state.id })}\n`);
} finally {
  await store.close();
}
