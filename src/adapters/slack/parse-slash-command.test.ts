import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseSlashCommand, type SlashCommand } from './index.js';

const ID = 'INC-2026-1128-001';
const fails = (text: string, message: string | RegExp) =>
  assert.throws(() => parseSlashCommand(text), (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'VALIDATION');
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.hint, 'Try "/incident-response help".');
    return true;
  });

describe('parseSlashCommand: declaring', () => {
  const cases: [string, SlashCommand][] = [
    ['critical outage production', { kind: 'declare', severity: 'critical', type: 'outage', environment: 'production' }],
    ['critical outage production --title "Checkout API down" --service checkout',
      { kind: 'declare', severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout' }],
    ['declare sev2 security prod --title=\'Leaked key\'', { kind: 'declare', severity: 'high', type: 'security', environment: 'production', title: 'Leaked key' }],
    ['high outage production --title “Checkout API down”', { kind: 'declare', severity: 'high', type: 'outage', environment: 'production', title: 'Checkout API down' }],
    ['high outage production --title ‘Checkout’s API down’', { kind: 'declare', severity: 'high', type: 'outage', environment: 'production', title: 'Checkout’s API down' }],
    ['low data staging —title “Nightly export late” —service exports', { kind: 'declare', severity: 'low', type: 'data', environment: 'staging', title: 'Nightly export late', service: 'exports' }],
    ['outage CRITICAL Prod', { kind: 'declare', severity: 'critical', type: 'outage', environment: 'production' }],
    ['medium performance staging Search is slow', { kind: 'declare', severity: 'medium', type: 'performance', environment: 'staging', title: 'Search is slow' }],
    ['high outage production High availability pair lost', { kind: 'declare', severity: 'high', type: 'outage', environment: 'production', title: 'High availability pair lost' }],
    ["critical outage production Checkout's API down", { kind: 'declare', severity: 'critical', type: 'outage', environment: 'production', title: "Checkout's API down" }],
    ['critical outage production --title "A &amp; B &lt;down&gt;"', { kind: 'declare', severity: 'critical', type: 'outage', environment: 'production', title: 'A & B <down>' }],
  ];
  for (const [text, want] of cases) it(`reads ${text}`, () => assert.deepEqual(parseSlashCommand(text), want));

  it('shows the typo with the domain parser\'s did-you-mean', () => {
    fails('critcal outage production', "unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)");
    fails('critical secuirty production', "unknown type 'secuirty' — did you mean 'security'? (outage, security, performance, data, integration)");
    fails('critical outage produciton', /^unknown environment 'produciton' — did you mean 'production'\?/);
  });

  it('says what is missing', () => {
    fails('critical outage', 'to declare an incident give an environment (production, staging, development, all), e.g. /incident-response critical outage production --title "Checkout API down"');
    fails('declare', /give a severity \(critical, high, medium, low\), a type \(.*\), an environment/);
  });

  it('refuses unknown, doubled and empty options', () => {
    fails('critical outage production --titel x', "unknown option for declare '--titel' — did you mean '--title'? (--title, --service)");
    fails('critical outage production --title a --title b', '--title is given twice');
    fails('critical outage production --title', '--title needs a value, e.g. --title "…"');
    fails('critical outage production Words --title x', "the title is given twice: as --title and as 'Words'; use one");
  });

  it('refuses an unclosed quote', () => {
    fails('critical outage production --title "Checkout down', /^a quote is not closed: "Checkout down — add the closing quote$/);
  });
});

describe('parseSlashCommand: working an incident', () => {
  const cases: [string, SlashCommand][] = [
    ['', { kind: 'help' }],
    ['  help ', { kind: 'help' }],
    [`status ${ID}`, { kind: 'status', id: ID }],
    ['status inc-2026-1128-001', { kind: 'status', id: ID }],
    [`ack ${ID}`, { kind: 'ack', id: ID }],
    [`acknowledge ${ID}`, { kind: 'ack', id: ID }],
    [`update ${ID} --status identified --message "Bad deploy of payments"`, { kind: 'update', id: ID, status: 'identified', message: 'Bad deploy of payments' }],
    [`update ${ID} --message="It's the DB" --status=Monitoring`, { kind: 'update', id: ID, status: 'monitoring', message: "It's the DB" }],
    [`update ${ID} identified: it's the "primary" DB; failing over`, { kind: 'update', id: ID, status: 'identified', message: 'it\'s the "primary" DB; failing over' }],
    [`update ${ID} identified:bad deploy`, { kind: 'update', id: ID, status: 'identified', message: 'bad deploy' }],
    [`update ${ID} monitoring “Rolled back”`, { kind: 'update', id: ID, status: 'monitoring', message: 'Rolled back' }],
    [`update ${ID} identified: line one\nline two`, { kind: 'update', id: ID, status: 'identified', message: 'line one\nline two' }],
    [`resolve ${ID} --summary "Rolled back the deploy"`, { kind: 'resolve', id: ID, summary: 'Rolled back the deploy' }],
    [`resolve ${ID} Rolled back the deploy; it's fine`, { kind: 'resolve', id: ID, summary: "Rolled back the deploy; it's fine" }],
    [`resolve ${ID} "Rolled back"`, { kind: 'resolve', id: ID, summary: 'Rolled back' }],
  ];
  for (const [text, want] of cases) it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseSlashCommand(text), want));

  it('suggests the verb for a mistyped command', () => {
    fails(`stauts ${ID}`, "unknown command 'stauts' — did you mean 'status'?");
    fails(`resolv ${ID} done`, "unknown command 'resolv' — did you mean 'resolve'?");
  });

  it('needs a valid incident id', () => {
    fails('status', 'status needs an incident id, e.g. /incident-response status INC-2026-1128-001');
    fails('ack 42', "'42' is not an incident id; expected INC-YYYY-MMDD-NNN or SEC-YYYY-MMDD-NNN, e.g. INC-2026-1128-001");
    fails(`ack ${ID} now`, `unexpected 'now' after the incident id; /incident-response ack takes only the id`);
  });

  it('needs a known status and a message for updates', () => {
    fails(`update ${ID}`, /^update needs a status \(investigating, identified, monitoring, resolved\) and a message/);
    fails(`update ${ID} identifed: x`, "unknown status 'identifed' — did you mean 'identified'? (investigating, identified, monitoring, resolved)");
    fails(`update ${ID} identified:`, /^update needs a message after the status/);
    fails(`update ${ID} --message x`, /^update needs --status/);
    fails(`update ${ID} --status identified`, /^update needs a message after the status/);
  });

  it('needs a summary to resolve', () => {
    fails(`resolve ${ID}`, `resolve needs a summary of what fixed it, e.g. /incident-response resolve ${ID} rolled back the deploy`);
    fails(`resolve ${ID} --summary`, '--summary needs a value, e.g. --summary "…"');
  });

  it('uses the command name Slack sent in its wording', () => {
    assert.throws(() => parseSlashCommand('status', '/ir'), { message: 'status needs an incident id, e.g. /ir status INC-2026-1128-001', hint: 'Try "/ir help".' });
  });
});
