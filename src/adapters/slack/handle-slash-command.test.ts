import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CommandOutcome, DeclaredOutcome, IncidentApi, IncidentDto } from '../../app/incidents/index.js';
import type { Principal } from '../../domain/access/index.js';
import { AppError } from '../../domain/errors/index.js';
import { sampleDeclared, sampleIncidentDto, sampleOutcome } from '../../../test/support/incident-dto-fixture.js';
import { handleSlashCommand, type SlashCommandForm } from './index.js';

const ID = 'INC-2026-1128-001';
const rob: Principal = { name: 'rob', role: 'responder', teams: [] };

/** Our own port, faked in-process: records calls and answers with canned DTOs (or throws). */
class FakeIncidentApi implements IncidentApi {
  calls: unknown[][] = [];
  failWith: unknown;
  private answer(name: string, args: unknown[], outcome: CommandOutcome): Promise<CommandOutcome> {
    this.calls.push([name, ...args]);
    return this.failWith === undefined ? Promise.resolve(outcome) : Promise.reject(this.failWith);
  }
  declare(...args: Parameters<IncidentApi['declare']>): Promise<DeclaredOutcome> {
    this.calls.push(['declare', ...args]);
    return this.failWith === undefined ? Promise.resolve(sampleDeclared({ title: args[0].title ?? 'untitled' })) : Promise.reject(this.failWith);
  }
  acknowledge(id: string) { return this.answer('acknowledge', [id], sampleOutcome({ status: 'acknowledged', acknowledgedBy: 'rob' }, [])); }
  mitigate(id: string, note?: string) { return this.answer('mitigate', [id, note], sampleOutcome()); }
  postStatusUpdate(...args: Parameters<IncidentApi['postStatusUpdate']>) {
    return this.answer('postStatusUpdate', args, sampleOutcome({ lastUpdate: { at: '2026-11-28T14:50:00.000Z', by: 'rob', status: args[1], message: args[2] } }));
  }
  assignRole(...args: Parameters<IncidentApi['assignRole']>) { return this.answer('assignRole', args, sampleOutcome()); }
  setStep(...args: Parameters<IncidentApi['setStep']>) { return this.answer('setStep', args, sampleOutcome()); }
  changeSeverity(...args: Parameters<IncidentApi['changeSeverity']>) { return this.answer('changeSeverity', args, sampleOutcome()); }
  changeType(...args: Parameters<IncidentApi['changeType']>) { return this.answer('changeType', args, sampleOutcome()); }
  resolve(id: string, summary: string) { return this.answer('resolve', [id, summary], sampleOutcome({ status: 'resolved', resolutionSummary: summary })); }
  reopen(id: string, reason?: string) { return this.answer('reopen', [id, reason], sampleOutcome()); }
  close(id: string) { return this.answer('close', [id], sampleOutcome()); }
  addNote(id: string, text: string) { return this.answer('addNote', [id, text], sampleOutcome()); }
  assessImpact(id: string, input: unknown) { return this.answer('assessImpact', [id, input], sampleOutcome()); }
  async get(id: string): Promise<IncidentDto> {
    this.calls.push(['get', id]);
    if (this.failWith !== undefined) throw this.failWith;
    return sampleIncidentDto({ roles: { commander: 'cam' } });
  }
  async list() { return []; }
  async timeline() { return []; }
  async verifyAudit() { return { ok: true as const, count: 0, headSeq: 0 }; }
}

const form = (text: string, userId = 'U2CERLKJA'): SlashCommandForm => ({
  teamId: 'T1', userId, userName: 'roadrunner', command: '/incident-response', text, channelId: 'C1', responseUrl: 'https://hooks.slack.com/x', triggerId: 't',
});

function setup(users: Record<string, Principal> = { U2CERLKJA: rob }) {
  const api = new FakeIncidentApi();
  const actedAs: Principal[] = [];
  const logged: unknown[] = [];
  const deps = {
    apiFor: (p: Principal) => { actedAs.push(p); return api; },
    resolveUser: async (slackUserId: string) => users[slackUserId],
    onUnexpectedError: (e: unknown) => logged.push(e),
  };
  return { api, actedAs, logged, run: (text: string, userId?: string) => handleSlashCommand(form(text, userId), deps) };
}
const allText = (r: { text: string; blocks: readonly unknown[] }) => `${r.text}\n${JSON.stringify(r.blocks)}`;

describe('handleSlashCommand', () => {
  it('declares as the mapped user and posts the card in the channel', async () => {
    const t = setup();
    const r = await t.run('critical outage production --title "Checkout API down" --service checkout');
    assert.deepEqual(t.actedAs, [rob]);
    assert.deepEqual(t.api.calls, [['declare', { severity: 'critical', incidentType: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout' }]]);
    assert.equal(r.response_type, 'in_channel');
    assert.match(allText(r), /Declared by <@U2CERLKJA>/);
  });

  it('shows the status card only to the caller', async () => {
    const t = setup();
    const r = await t.run(`status ${ID.toLowerCase()}`);
    assert.deepEqual(t.api.calls, [['get', ID]]);
    assert.equal(r.response_type, 'ephemeral');
    assert.match(allText(r), /\*Commander\*\\ncam/);
  });

  it('acknowledges, posts updates and resolves through the API', async () => {
    const t = setup();
    const ack = await t.run(`ack ${ID}`);
    assert.equal(ack.response_type, 'ephemeral', 'an acknowledgement that changed nothing is only told to the caller');
    const update = await t.run(`update ${ID} identified: bad deploy`);
    assert.equal(update.response_type, 'in_channel');
    assert.match(allText(update), />bad deploy/);
    const resolved = await t.run(`resolve ${ID} --summary "Rolled back"`);
    assert.match(allText(resolved), /resolved \*INC-2026-1128-001\*/);
    assert.deepEqual(t.api.calls, [['acknowledge', ID], ['postStatusUpdate', ID, 'identified', 'bad deploy'], ['resolve', ID, 'Rolled back']]);
  });

  it('answers help to anyone, mapped or not, without calling the API', async () => {
    const t = setup({});
    for (const text of ['', 'help']) {
      const r = await t.run(text, 'U_UNKNOWN');
      assert.equal(r.response_type, 'ephemeral');
      assert.match(r.text, /How to use \/incident-response/);
    }
    assert.deepEqual(t.actedAs, []);
  });

  it('tells an unmapped Slack user how to get mapped, and does nothing', async () => {
    const t = setup({});
    const r = await t.run('critical outage production', 'U_UNKNOWN');
    assert.equal(r.response_type, 'ephemeral');
    assert.match(r.text, /not linked to an incident-response user/);
    assert.match(r.text, /map Slack user `U_UNKNOWN`/);
    assert.deepEqual(t.api.calls, []);
  });

  it('shows parse errors with did-you-mean, ephemerally, before looking the user up', async () => {
    const t = setup({});
    const r = await t.run('critcal outage production', 'U_UNKNOWN');
    assert.equal(r.response_type, 'ephemeral');
    assert.equal(r.text, ":warning: unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)");
  });

  it('turns AppErrors from the API into ephemeral messages', async () => {
    const t = setup();
    t.api.failWith = new AppError('INVALID_TRANSITION', `Cannot acknowledge ${ID}: it is already resolved. Reopen it with "incident-response reopen ${ID}".`);
    const r = await t.run(`ack ${ID}`);
    assert.equal(r.response_type, 'ephemeral');
    assert.equal(r.text, `:warning: Cannot acknowledge ${ID}: it is already resolved. Reopen it with "incident-response reopen ${ID}".`);
    t.api.failWith = new AppError('FORBIDDEN', 'rob (responder) may not do this: it needs the commander role.');
    assert.match((await t.run(`resolve ${ID} done`)).text, /needs the commander role/);
    assert.deepEqual(t.logged, []);
  });

  it('never shows a stack trace or internal message, and hands the error to the log', async () => {
    const t = setup();
    const bug = new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app.js:1");
    t.api.failWith = bug;
    const r = await t.run(`status ${ID}`);
    assert.equal(r.response_type, 'ephemeral');
    assert.ok(!allText(r).includes('Cannot read'));
    assert.ok(!allText(r).includes('/srv/app.js'));
    assert.match(r.text, /Something went wrong on our side/);
    assert.deepEqual(t.logged, [bug]);
  });

  it('treats an AppError INTERNAL like a bug', async () => {
    const t = setup();
    t.api.failWith = new AppError('INTERNAL', 'database row 7 has no kind');
    const r = await t.run(`status ${ID}`);
    assert.ok(!allText(r).includes('row 7'));
    assert.equal(t.logged.length, 1);
  });
});
