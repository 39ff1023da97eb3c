// The CLI shows times in the acting person's zone (people.<id>.time_zone), else display_time_zone,
// and --tz (or IR_TZ) overrides both; an unknown zone is refused naming --tz.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

const T0 = '2026-11-28T14:30:00Z';

describe('times in your own zone on the command line', () => {
  let cwd: string;
  const ir = (args: string[], env: Record<string, string> = {}) => runBin(args, { cwd, env: { IR_NOW: T0, ...env } });

  before(async () => {
    cwd = tempDir();
    writeFileSync(join(cwd, 'incident-response.yaml'), 'display_time_zone: Europe/London\npeople:\n  tester:\n    time_zone: Europe/Berlin\n  sam: {}\n');
    const declared = await ir(['critical', 'outage', 'production', '--title', 'Checkout down']);
    assert.equal(declared.code, 0, declared.stderr);
  });

  it('shows the acting person\'s own zone by default', async () => {
    const r = await ir(['show', 'INC-2026-1128-001']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Declared {6}2026-11-28 15:30 CET by tester/);
  });

  it('shows display_time_zone to someone who set none', async () => {
    const r = await ir(['show', 'INC-2026-1128-001', '--as', 'sam']);
    assert.match(r.stdout, /Declared {6}2026-11-28 14:30 GMT by tester/);
  });

  it('shows the zone --tz or IR_TZ names instead', async () => {
    assert.match((await ir(['show', 'INC-2026-1128-001', '--tz', 'America/New_York'])).stdout, /Declared {6}2026-11-28 09:30 EST/);
    assert.match((await ir(['show', 'INC-2026-1128-001'], { IR_TZ: 'Asia/Kolkata' })).stdout, /Declared {6}2026-11-28 20:00 GMT\+5:30/);
  });

  it('refuses a zone that is not an IANA name, saying which option', async () => {
    const r = await ir(['show', 'INC-2026-1128-001', '--tz', 'Europe/Berln']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: --tz: unknown time zone 'Europe\/Berln'\. Use an IANA name such as Europe\/Berlin/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
  });
});
