import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runBin, tempDir } from '../support/cli.js';

const example = resolve('examples/incident-response.yaml');

describe('config validate', () => {
  it('accepts the documented example and summarises it', async () => {
    const r = await runBin(['config', 'validate', example], { cwd: tempDir() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK: .*incident-response\.yaml is valid\./);
    assert.match(r.stdout, /SEV-1: respond within/);
    assert.match(r.stdout, /Business hours: /);
  });

  it('with no file uses the built-in defaults', async () => {
    const r = await runBin(['config', 'validate'], { cwd: tempDir() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no configuration file; using the built-in defaults/);
    assert.match(r.stdout, /SEV-3: respond within 4 business hours, updates daily/);
  });

  it('names file, line, column and key of every problem and exits 6', async () => {
    const cwd = tempDir();
    const file = join(cwd, 'incident-response.yaml');
    writeFileSync(file, [
      'severity_policy:',
      '  critical:',
      '    respnd_within: 15 minutes',
      'business_hours:',
      '  time_zone: Europe/Berln',
      '  hours: { start: "18:00", end: "09:00" }',
      '',
    ].join('\n'));
    const r = await runBin(['config', 'validate'], { cwd });
    assert.equal(r.code, 6, r.stdout + r.stderr);
    assert.match(r.stderr, /incident-response\.yaml:3:5: severity_policy\.critical\.respnd_within: .*did you mean 'respond_within'/);
    assert.match(r.stderr, /incident-response\.yaml:5:14: business_hours\.time_zone: .*Europe\/Berln/);
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)/);
  });

  it('a declaration follows the configured business hours', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'incident-response.yaml'), [
      'business_hours:',
      '  time_zone: Europe/Berlin',
      '  working_days: [mon, tue, wed, thu, fri]',
      '  hours: { start: "09:00", end: "17:00" }',
      'display_time_zone: Europe/Berlin',
      '',
    ].join('\n'));
    // Friday 2026-11-27 16:00 in Berlin (15:00 UTC): 1 business hour left today, 3 on Monday.
    const r = await runBin(['medium', 'performance', 'production', '--json'], { cwd, env: { IR_NOW: '2026-11-27T15:00:00Z' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).clocks.response.dueAt, '2026-11-30T11:00:00.000Z');
    const shown = await runBin(['show', 'INC-2026-1127-001'], { cwd, env: { IR_NOW: '2026-11-27T15:00:00Z' } });
    assert.match(shown.stdout, /Response {6}due 2026-11-30 12:00 CET/);
  });

  it('a broken configuration stops every command with the same clear message', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'incident-response.yaml'), 'severity_policy: [\n');
    const r = await runBin(['list'], { cwd });
    assert.equal(r.code, 6);
    assert.match(r.stderr, /incident-response\.yaml:\d+:\d+/);
  });
});
