// The floor for durable alert ingestion in Node on this machine: what the least a durable receiver
// must do costs, with none of the product (no validation, routing, dedup decisions, grouping,
// incidents, hash chain or read models). node:http, JSON.parse of Alertmanager's POST /api/v2/alerts
// body, a SHA-256 fingerprint of each alert's sorted labels (as Alertmanager computes one), one
// prepared upsert per alert into a table with a primary key and one index, and group commit: the
// requests arriving together are written in one transaction (WAL, synchronous=FULL, the product's
// settings) and each is answered only after its commit. Prints "Listening on URL" when ready.
// Usage: node bench/durable-floor-server.mjs DB_FILE
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`create table if not exists alerts (fingerprint text primary key, labels text not null, annotations text not null,
  starts_at text not null, last_seen_at integer not null, occurrences integer not null);
  create index if not exists alerts_seen on alerts (last_seen_at);`);
const upsert = db.prepare(`insert into alerts values (?, ?, ?, ?, ?, 1)
  on conflict (fingerprint) do update set last_seen_at = excluded.last_seen_at, occurrences = occurrences + 1`);
const commit = db.transaction((alerts) => {
  const now = Date.now();
  for (const a of alerts) {
    const labels = Object.entries(a.labels ?? {}).sort(([x], [y]) => (x < y ? -1 : 1));
    const fingerprint = createHash('sha256').update(JSON.stringify(labels)).digest('hex');
    upsert.run(fingerprint, JSON.stringify(a.labels ?? {}), JSON.stringify(a.annotations ?? {}), String(a.startsAt ?? ''), now);
  }
});

let waiting = [];
let scheduled = false;
function flush() {
  scheduled = false;
  const batch = waiting;
  waiting = [];
  try {
    commit(batch.flatMap((w) => w.alerts));
    for (const w of batch) w.res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  } catch (error) {
    for (const w of batch) w.res.writeHead(500).end(String(error));
  }
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let alerts;
    try {
      alerts = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (!Array.isArray(alerts)) throw new Error('not an array');
    } catch {
      res.writeHead(400).end('bad body');
      return;
    }
    waiting.push({ alerts, res });
    if (!scheduled) {
      scheduled = true;
      // The same 2 ms linger as the product's group commit.
      setTimeout(flush, 2);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${server.address().port} `));
process.on('SIGTERM', () => server.close(() => { db.close(); process.exit(0); }));
