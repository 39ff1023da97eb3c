import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RESPONSE_CONFIG } from '../../app/config/index.js';
import { isWithinBusinessHours, resolvePolicyDuration } from '../../domain/calendar/index.js';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { epochMs, hours, isoUtc, minutes } from '../../domain/time/index.js';
import { loadConfigFile, parseConfig } from './index.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/incident-response.yaml', import.meta.url));

function problemsOf(yaml: string): { error: AppError; issues: readonly Issue[] } {
  try {
    parseConfig(yaml, 'ir.yaml');
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, 'CONFIG_INVALID');
    return { error: e, issues: e.issues };
  }
  assert.fail('expected the config to be rejected');
}

/** A YAML file from its lines. */
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('parseConfig: defaults and overrides', () => {
  for (const [name, text] of [
    ['an empty file', ''],
    ['a file with only comments', '# nothing configured yet\n'],
    ['an empty document marker', '---\n'],
    ['empty sections', lines('severity_policy:', 'business_hours:', 'workflows:', 'services:')],
  ] as const) {
    it(`runs on the defaults for ${name}`, () => {
      assert.deepEqual(parseConfig(text, 'ir.yaml'), DEFAULT_RESPONSE_CONFIG);
    });
  }

  it('merges a partial severity policy over the defaults, field by field', () => {
    const config = parseConfig(lines(
      'severity_policy:',
      '  critical: { respond_within: 10 minutes, escalation: team-lead-and-oncall }',
      '  low: { update_every: 2 business days, update_cadence_label: twice a week }',
    ), 'ir.yaml');
    assert.deepEqual(config.policy.critical, {
      ...DEFAULT_RESPONSE_CONFIG.policy.critical,
      respondWithin: { kind: 'wall', ms: minutes(10) },
      escalation: 'team-lead-and-oncall',
    });
    assert.deepEqual(config.policy.low, {
      ...DEFAULT_RESPONSE_CONFIG.policy.low,
      updateEvery: { kind: 'business-days', days: 2 },
      updateCadenceLabel: 'twice a week',
    });
    assert.equal(config.policy.high, DEFAULT_RESPONSE_CONFIG.policy.high);
    assert.equal(config.calendar, DEFAULT_RESPONSE_CONFIG.calendar);
    assert.equal(config.workflows, DEFAULT_RESPONSE_CONFIG.workflows);
  });

  for (const [updateEvery, label] of [
    ['15 minutes', 'every 15 min'],
    ['1h', 'every hour'],
    ['3 hours', 'every 3 hours'],
    ['1 business day', 'every business day'],
  ] as const) {
    it(`labels an update cadence of ${updateEvery} '${label}' when no label is given`, () => {
      const config = parseConfig(`severity_policy: { high: { update_every: ${updateEvery} } }\n`, 'ir.yaml');
      assert.equal(config.policy.high.updateCadenceLabel, label);
    });
  }

  it('takes respond_within as wall-clock or business time', () => {
    const config = parseConfig(lines(
      'severity_policy:',
      '  high: { respond_within: 4 business hours }',
      '  medium: { respond_within: 2h30m }',
    ), 'ir.yaml');
    assert.deepEqual(config.policy.high.respondWithin, { kind: 'business-hours', hours: 4 });
    assert.deepEqual(config.policy.medium.respondWithin, { kind: 'wall', ms: hours(2.5) });
  });

  it('keeps business-hour keys that are left out at their defaults', () => {
    const config = parseConfig('business_hours: { time_zone: America/New_York }\n', 'ir.yaml');
    assert.deepEqual(config.calendar, { ...DEFAULT_RESPONSE_CONFIG.calendar, timeZone: 'America/New_York' });
  });

  for (const [written, days] of [
    ['[mon, tue, wed, thu, fri]', [1, 2, 3, 4, 5]],
    ['[1, 2, 3, 4, 5]', [1, 2, 3, 4, 5]],
    ['[sunday, 1, tue, 1]', [1, 2, 7]],
    ['[sat, sun]', [6, 7]],
  ] as const) {
    it(`reads working_days ${written} as ISO weekdays ${days.join(',')}`, () => {
      const config = parseConfig(`business_hours: { working_days: ${written} }\n`, 'ir.yaml');
      assert.deepEqual(config.calendar.workingDays, days);
    });
  }

  it('accepts a one-digit opening hour', () => {
    const config = parseConfig('business_hours: { hours: { start: "8:30" } }\n', 'ir.yaml');
    assert.equal(config.calendar.opensAt, '08:30');
  });

  it('computes business-time deadlines with the configured calendar', () => {
    const config = parseConfig(lines(
      'business_hours:',
      '  time_zone: America/New_York',
      '  working_days: [mon, tue, wed, thu]',
      '  hours: { start: "10:00", end: "12:00" }',
      '  holidays: ["2026-12-01"]',
    ), 'ir.yaml');
    // Monday 2026-11-30 09:00 New York (14:00Z): 2 h on Monday (10-12), Tuesday is a holiday,
    // so the 4 business hours of a SEV-3 end on Wednesday at 12:00 New York (17:00Z).
    const declaredAt = epochMs(Date.parse('2026-11-30T14:00:00Z'));
    const due = resolvePolicyDuration(declaredAt, config.policy.medium.respondWithin, config.calendar);
    assert.equal(isoUtc(due), '2026-12-02T17:00:00Z');
    assert.equal(isWithinBusinessHours(epochMs(Date.parse('2026-11-30T15:30:00Z')), config.calendar), true);
    assert.equal(isWithinBusinessHours(epochMs(Date.parse('2026-11-30T17:30:00Z')), config.calendar), false);
    assert.equal(isWithinBusinessHours(epochMs(Date.parse('2026-12-04T15:30:00Z')), config.calendar), false, 'Friday is not a working day');
  });

  it('replaces the workflow of a configured type entirely and keeps the others', () => {
    const config = parseConfig(lines(
      'workflows:',
      '  data:',
      '    phases:',
      '      - key: contain',
      '        title: Contain',
      '        window: 0-30 minutes',
      '        steps: [{ key: stop-writes, title: Stop the writes, action: "start_war_room()" }]',
      '      - key: recover',
      '        title: Recover',
      '        marker: TOOLS',
      '        start: 30 minutes',
      '        steps: [{ key: restore, title: Restore }]',
    ), 'ir.yaml');
    assert.deepEqual(config.workflows.data, {
      type: 'data',
      title: DEFAULT_RESPONSE_CONFIG.workflows.data.title,
      phases: [
        { key: 'contain', title: 'Contain', marker: 'SCAN', startMin: 0, endMin: 30, steps: [{ key: 'stop-writes', title: 'Stop the writes', action: 'start_war_room()' }] },
        { key: 'recover', title: 'Recover', marker: 'TOOLS', startMin: 30, steps: [{ key: 'restore', title: 'Restore' }] },
      ],
    });
    assert.equal(config.workflows.outage, DEFAULT_RESPONSE_CONFIG.workflows.outage);
  });

  for (const [window, startMin, endMin] of [
    ['0-15 minutes', 0, 15],
    ['0–15 min', 0, 15],
    ['30 minutes - 2 hours', 30, 120],
    ['2-24 hours', 120, 1440],
    ['30m to 1h30m', 30, 90],
    ['from 240 minutes', 240, undefined],
    ['from 4h', 240, undefined],
  ] as const) {
    it(`reads the phase window '${window}' as ${startMin}–${endMin ?? 'open'} min`, () => {
      const config = parseConfig(`workflows: { outage: { phases: [{ key: p, title: P, window: ${window}, steps: [{ key: s, title: S }] }] } }\n`, 'ir.yaml');
      const phase = config.workflows.outage.phases[0]!;
      assert.equal(phase.startMin, startMin);
      assert.equal(phase.endMin, endMin);
    });
  }

  it('reads services, naming a service by its id when no name is given', () => {
    const config = parseConfig(lines(
      'services:',
      '  checkout: { name: Checkout API, owner_team: payments, description: Takes orders }',
      '  ledger.v2:',
    ), 'ir.yaml');
    assert.deepEqual(config.services, {
      checkout: { name: 'Checkout API', ownerTeam: 'payments', description: 'Takes orders' },
      'ledger.v2': { name: 'ledger.v2' },
    });
  });

  it('lets severities share settings through YAML anchors and merge keys', () => {
    const config = parseConfig(lines(
      'severity_policy:',
      '  high: &paged { escalation: leadership, update_every: 1h }',
      '  medium: { <<: *paged, respond_within: 2h }',
    ), 'ir.yaml');
    assert.equal(config.policy.medium.escalation, 'leadership');
    assert.deepEqual(config.policy.medium.respondWithin, { kind: 'wall', ms: hours(2) });
  });
});

describe('parseConfig: problems name the file, line, column and key', () => {
  const cases: { name: string; yaml: string; line: number; column: number; path: string; message: RegExp }[] = [
    {
      name: 'an unknown key, with the closest known key',
      yaml: lines('severity_policy:', '  critical:', '    respnd_within: 10 minutes'),
      line: 3, column: 5, path: 'severity_policy.critical.respnd_within',
      message: /unknown key 'respnd_within' — did you mean 'respond_within'\?/,
    },
    {
      name: 'an unknown top-level key',
      yaml: lines('# my config', 'workflow: {}'),
      line: 2, column: 1, path: 'workflow',
      message: /unknown key 'workflow' — did you mean 'workflows'\?/,
    },
    {
      name: 'an unknown severity',
      yaml: lines('severity_policy:', '  critcal: { respond_within: 5m }'),
      line: 2, column: 3, path: 'severity_policy.critcal',
      message: /did you mean 'critical'\?/,
    },
    {
      name: 'a duration with an unknown unit',
      yaml: lines('severity_policy:', '  high: { respond_within: 15 mintues }'),
      line: 2, column: 27, path: 'severity_policy.high.respond_within',
      message: /unknown unit 'mintues'/,
    },
    {
      name: 'a duration that is a bare number',
      yaml: lines('severity_policy:', '  high:', '    update_every: 30'),
      line: 3, column: 19, path: 'severity_policy.high.update_every',
      message: /expected a duration such as "15 minutes".*got the number 30/,
    },
    {
      name: 'an unknown escalation',
      yaml: lines('severity_policy:', '  low:', '    escalation: leadrship'),
      line: 3, column: 17, path: 'severity_policy.low.escalation',
      message: /unknown escalation 'leadrship' — did you mean 'leadership'\?/,
    },
    {
      name: 'an unknown business time zone, with the closest zone',
      yaml: lines('business_hours:', '  time_zone: Europe/Berln'),
      line: 2, column: 14, path: 'business_hours.time_zone',
      message: /unknown time zone 'Europe\/Berln' — did you mean 'Europe\/Berlin'\?/,
    },
    {
      name: 'an unknown display time zone',
      yaml: lines('display_time_zone: Mars/Olympus'),
      line: 1, column: 20, path: 'display_time_zone',
      message: /unknown time zone 'Mars\/Olympus'/,
    },
    {
      name: 'closing before opening',
      yaml: lines('business_hours:', '  hours:', '    start: "18:00"', '    end: "09:00"'),
      line: 4, column: 10, path: 'business_hours.hours.end',
      message: /closing time 09:00 must be after opening time 18:00/,
    },
    {
      name: 'an opening time after the default closing time',
      yaml: lines('business_hours:', '  hours:', '    start: "18:00"'),
      line: 3, column: 5, path: 'business_hours.hours.end',
      message: /closing time 17:00 must be after opening time 18:00/,
    },
    {
      name: 'a time of day that is not HH:MM',
      yaml: lines('business_hours:', '  hours: { start: 9am }'),
      line: 2, column: 19, path: 'business_hours.hours.start',
      message: /'9am' is not a time of day HH:MM/,
    },
    {
      name: 'a holiday that is not a date',
      yaml: lines('business_hours:', '  holidays:', '    - "2026-12-25"', '    - "2026-02-30"'),
      line: 4, column: 7, path: 'business_hours.holidays[1]',
      message: /'2026-02-30' is not a date YYYY-MM-DD/,
    },
    {
      name: 'text where working_days needs a list',
      yaml: lines('business_hours:', '  working_days: mon-fri'),
      line: 2, column: 17, path: 'business_hours.working_days',
      message: /expected a list of weekdays such as \[mon, tue, wed, thu, fri\], got text 'mon-fri'/,
    },
    {
      name: 'an unknown working day',
      yaml: lines('business_hours:', '  working_days: [mon, tue, wendsday]'),
      line: 2, column: 28, path: 'business_hours.working_days[2]',
      message: /unknown working day 'wendsday' — did you mean 'wednesday'\?/,
    },
    {
      name: 'a weekday number out of range',
      yaml: lines('business_hours:', '  working_days: [0, 1]'),
      line: 2, column: 18, path: 'business_hours.working_days[0]',
      message: /ISO weekday numbers run from 1 \(Monday\) to 7 \(Sunday\)/,
    },
    {
      name: 'no working days',
      yaml: lines('business_hours:', '  working_days: []'),
      line: 2, column: 17, path: 'business_hours.working_days',
      message: /at least one working day is needed/,
    },
    {
      name: 'duplicate step keys in a workflow',
      yaml: lines(
        'workflows:',
        '  outage:',
        '    phases:',
        '      - key: first',
        '        title: First',
        '        window: 0-15 minutes',
        '        steps:',
        '          - { key: page, title: Page }',
        '      - key: second',
        '        title: Second',
        '        window: from 15 minutes',
        '        steps:',
        '          - { key: page, title: Page again }',
      ),
      line: 13, column: 20, path: 'workflows.outage.phases[1].steps[0].key',
      message: /duplicate step key 'page' \(also phases\[0\]\.steps\[0\]\)/,
    },
    {
      name: 'overlapping phases',
      yaml: lines(
        'workflows:',
        '  security:',
        '    phases:',
        '      - { key: a, title: A, window: 0-30 minutes, steps: [{ key: s1, title: S }] }',
        '      - { key: b, title: B, window: 15-60 minutes, steps: [{ key: s2, title: S }] }',
      ),
      line: 5, column: 37, path: 'workflows.security.phases[1].window',
      message: /phase 'b' starts at 15 min, before the previous phase 'a' ends at 30 min/,
    },
    {
      name: 'phases out of time order',
      yaml: lines(
        'workflows:',
        '  security:',
        '    phases:',
        '      - { key: a, title: A, start: 60 minutes, end: 2h, steps: [{ key: s1, title: S }] }',
        '      - { key: b, title: B, start: 0, end: 60, steps: [{ key: s2, title: S }] }',
      ),
      line: 5, column: 36, path: 'workflows.security.phases[1].start',
      message: /list phases in time order/,
    },
    {
      name: 'an open-ended phase that is not the last',
      yaml: lines(
        'workflows:',
        '  data:',
        '    phases:',
        '      - { key: a, title: A, window: from 0 minutes, steps: [{ key: s1, title: S }] }',
        '      - { key: b, title: B, window: 30-60 minutes, steps: [{ key: s2, title: S }] }',
      ),
      line: 5, column: 37, path: 'workflows.data.phases[1].window',
      message: /only the last phase may be open-ended/,
    },
    {
      name: 'a phase that ends before it starts',
      yaml: lines('workflows:', '  data:', '    phases:', '      - { key: a, title: A, window: 30-10 minutes, steps: [{ key: s, title: S }] }'),
      line: 4, column: 37, path: 'workflows.data.phases[0].window',
      message: /ends at 10 min, which is not after its start at 30 min/,
    },
    {
      name: 'an unreadable phase window',
      yaml: lines('workflows:', '  data:', '    phases:', '      - { key: a, title: A, window: soon, steps: [{ key: s, title: S }] }'),
      line: 4, column: 37, path: 'workflows.data.phases[0].window',
      message: /'soon' is not a phase window/,
    },
    {
      name: 'a phase without timing',
      yaml: lines('workflows:', '  data:', '    phases:', '      - key: a', '        title: A', '        steps: [{ key: s, title: S }]'),
      line: 4, column: 9, path: 'workflows.data.phases[0]',
      message: /a phase needs a window such as "0-30 minutes"/,
    },
    {
      name: 'a workflow without phases',
      yaml: lines('workflows:', '  integration:', '    phases: []'),
      line: 3, column: 13, path: 'workflows.integration.phases',
      message: /a workflow needs at least one phase/,
    },
    {
      name: 'a phase without steps',
      yaml: lines('workflows:', '  integration:', '    phases:', '      - { key: a, title: A, window: from 0 minutes, steps: [] }'),
      line: 4, column: 60, path: 'workflows.integration.phases[0].steps',
      message: /a phase needs at least one step/,
    },
    {
      name: 'a step key with capitals and spaces',
      yaml: lines('workflows:', '  outage:', '    phases:', '      - key: a', '        title: A', '        window: from 0 minutes', '        steps:', '          - key: Page Oncall', '            title: Page'),
      line: 8, column: 18, path: 'workflows.outage.phases[0].steps[0].key',
      message: /step keys are lowercase letters, digits and '-'/,
    },
    {
      name: 'a missing step title',
      yaml: lines('workflows:', '  outage:', '    phases:', '      - key: a', '        title: A', '        window: from 0 minutes', '        steps:', '          - key: page'),
      line: 8, column: 13, path: 'workflows.outage.phases[0].steps[0].title',
      message: /this key is required/,
    },
    {
      name: 'an unknown incident type in workflows',
      yaml: lines('workflows:', '  outtage: { phases: [] }'),
      line: 2, column: 3, path: 'workflows.outtage',
      message: /did you mean 'outage'\?/,
    },
    {
      name: 'a service id with capitals',
      yaml: lines('services:', '  Checkout: { name: Checkout API }'),
      line: 2, column: 3, path: 'services.Checkout',
      message: /service ids are lowercase letters, digits, '\.', '_' or '-'/,
    },
    {
      name: 'an unknown service key',
      yaml: lines('services:', '  checkout: { name: Checkout API, owner: payments }'),
      line: 2, column: 35, path: 'services.checkout.owner',
      message: /did you mean 'owner_team'\?/,
    },
    {
      name: 'an empty value where text is needed',
      yaml: lines('services:', '  checkout: { name: "  " }'),
      line: 2, column: 21, path: 'services.checkout.name',
      message: /must not be empty/,
    },
    {
      name: 'a list where the file needs a mapping',
      yaml: lines('- severity_policy'),
      line: 1, column: 1, path: '',
      message: /expected a mapping of keys to values, got a list/,
    },
    {
      name: 'a YAML syntax error',
      yaml: lines('severity_policy:', '  critical: { respond_within: 15 minutes', 'business_hours: {}'),
      line: 3, column: 1, path: '',
      message: /YAML syntax error: /,
    },
    {
      name: 'a key given twice',
      yaml: lines('display_time_zone: UTC', 'display_time_zone: Europe/Berlin'),
      line: 2, column: 1, path: '',
      message: /YAML syntax error: Map keys must be unique/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} at ${c.line}:${c.column} ${c.path}`, () => {
      const { error, issues } = problemsOf(c.yaml);
      assert.equal(issues.length, 1, `expected one problem, got:\n${error.message}`);
      const issue = issues[0]!;
      assert.deepEqual({ line: issue.line, column: issue.column, path: issue.path }, { line: c.line, column: c.column, path: c.path }, error.message);
      assert.match(issue.message, c.message);
      const where = c.path === '' ? `ir.yaml:${c.line}:${c.column}: ` : `ir.yaml:${c.line}:${c.column}: ${c.path}: `;
      assert.ok(error.message.includes(`${where}${issue.message}`), error.message);
    });
  }

  it('reports every problem in the file at once, in file order', () => {
    const { error, issues } = problemsOf(lines(
      'display_time_zone: Europe/Berln',
      'severity_policy:',
      '  critical: { respnd_within: 10 minutes }',
      '  high: { update_every: often }',
      'business_hours:',
      '  time_zone: Europe/Berln',
      '  hours: { start: "18:00", end: "09:00" }',
      '  holidays: [christmas]',
      'services:',
      '  Bad: {}',
    ));
    assert.deepEqual(issues.map((i) => `${i.line}:${i.column} ${i.path}`), [
      '1:20 display_time_zone',
      '3:15 severity_policy.critical.respnd_within',
      '4:25 severity_policy.high.update_every',
      '6:14 business_hours.time_zone',
      '7:33 business_hours.hours.end',
      '8:14 business_hours.holidays[0]',
      '10:3 services.Bad',
    ]);
    assert.match(error.message, /^config file ir\.yaml is invalid \(7 problems\):\n {2}ir\.yaml:1:20: display_time_zone: unknown time zone/);
    assert.ok(error.hint?.includes('docs/configuration.md'));
  });
});

describe('loadConfigFile', () => {
  it('loads the documented example, which sets every option', () => {
    const config = loadConfigFile(EXAMPLE);
    assert.equal(config.displayTimeZone, 'Europe/Berlin');
    assert.deepEqual(config.calendar, {
      timeZone: 'Europe/Berlin',
      workingDays: [1, 2, 3, 4, 5],
      opensAt: '09:00',
      closesAt: '17:30',
      holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'],
    });
    assert.deepEqual(config.policy.medium.respondWithin, { kind: 'business-hours', hours: 4 });
    assert.equal(config.workflows.data.phases.length, 3);
    assert.deepEqual(config.workflows.data.phases.map((p) => [p.key, p.marker, p.startMin, p.endMin]), [
      ['containment', 'ALERT', 0, 30],
      ['assessment', 'SCAN', 30, 240],
      ['recovery', 'TOOLS', 240, undefined],
    ]);
    assert.deepEqual(config.services['ledger'], { name: 'ledger' });
    assert.equal(config.services['checkout']?.ownerTeam, 'payments');
    assert.equal(config.integrations?.slack?.signingSecretEnv, 'SLACK_SIGNING_SECRET');
    assert.deepEqual(config.integrations?.slack?.users.map((u) => u.name), ['alice', 'bob']);
  });

  it('names the file in every problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-config-'));
    const path = join(dir, 'incident-response.yaml');
    writeFileSync(path, 'severity_policy:\n  high: { respond_within: soon }\n');
    assert.throws(() => loadConfigFile(path), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.ok(e.message.includes(`${path}:2:27: severity_policy.high.respond_within: `), e.message);
      return true;
    });
  });

  it('says when the file cannot be read', () => {
    const path = join(tmpdir(), 'no-such-dir-ir', 'incident-response.yaml');
    assert.throws(() => loadConfigFile(path), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'CONFIG_INVALID');
      assert.match(e.message, new RegExp(`^cannot read config file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`));
      return true;
    });
  });

  it('keeps the example readable as plain YAML (no tabs, ends with a newline)', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    assert.ok(!text.includes('\t'));
    assert.ok(text.endsWith('\n'));
  });
});

describe('workflow step actions', () => {
  const workflow = (step: string) => lines(
    'workflows:',
    '  outage:',
    '    phases:',
    '      - key: first',
    '        title: First',
    '        window: 0-15 minutes',
    '        steps:',
    `          - ${step}`,
  );
  it('takes an action and when it runs', () => {
    const config = parseConfig(workflow("{ key: gather-logs, title: Gather logs, action: 'begin_log_collection()', run_at: phase_start }"), 'ir.yaml');
    assert.deepEqual(config.workflows.outage.phases[0]?.steps[0], { key: 'gather-logs', title: 'Gather logs', action: 'begin_log_collection()', runAt: 'phase-start' });
  });
  it('refuses an unknown action, naming the step and the line', () => {
    assert.deepEqual(problemsOf(workflow("{ key: gather-logs, title: Gather logs, action: 'begin_log_colection()' }")).issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`), [
      `8:61 workflows.outage.phases[0].steps[0].action: step 'gather-logs': unknown action 'begin_log_colection' at column 1 — did you mean 'begin_log_collection'? (create_incident, page_oncall_engineer, update_status_page, start_war_room, create_security_incident, alert_security_team, begin_log_collection, isolate_suspicious_sources, failover, reroute_traffic, scale) in "begin_log_colection()"`,
    ]);
  });
});
