import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlackUserMapping } from '../../app/config/index.js';
import { epochMs, minutes, type EpochMs } from '../../domain/time/index.js';
import { SlackUserDirectory, type SlackEmailLookup } from './index.js';

const users: SlackUserMapping[] = [
  { slackUserId: 'U0ALICE01', name: 'alice', role: 'commander', teams: ['payments'] },
  { email: 'bob@example.com', name: 'bob', role: 'responder', teams: [] },
];

function setup(answers: Record<string, SlackEmailLookup>) {
  let now: EpochMs = epochMs(Date.UTC(2026, 10, 28, 14, 0));
  const asked: string[] = [];
  const problems: string[] = [];
  const directory = new SlackUserDirectory({
    users,
    clock: { now: () => now },
    cacheMs: minutes(10),
    lookUpEmail: async (id) => {
      asked.push(id);
      return answers[id] ?? { kind: 'none', reason: 'user_not_found' };
    },
    onLookupProblem: (id, reason) => problems.push(`${id}: ${reason}`),
  });
  return { directory, asked, problems, advance: (ms: number) => { now = epochMs(now + ms); } };
}

describe('SlackUserDirectory', () => {
  it('matches slack_user_id first, without asking Slack', async () => {
    const t = setup({});
    assert.deepEqual(await t.directory.findUser('U0ALICE01'), { name: 'alice', role: 'commander', teams: ['payments'] });
    assert.deepEqual(t.asked, []);
  });

  it('matches the users.info email ignoring case, and asks again only after the cache time', async () => {
    const t = setup({ U0BOB0001: { kind: 'found', email: 'BOB@example.com' } });
    assert.equal((await t.directory.findUser('U0BOB0001'))?.name, 'bob');
    t.advance(minutes(9));
    assert.equal((await t.directory.findUser('U0BOB0001'))?.name, 'bob');
    assert.deepEqual(t.asked, ['U0BOB0001']);
    t.advance(minutes(2));
    await t.directory.findUser('U0BOB0001');
    assert.deepEqual(t.asked, ['U0BOB0001', 'U0BOB0001']);
  });

  it('remembers "no such user" but not a failure, and logs both', async () => {
    const t = setup({ U0SLOW001: { kind: 'failed', reason: 'no answer within 500 ms' } });
    assert.equal(await t.directory.findUser('U0NOBODY1'), undefined);
    assert.equal(await t.directory.findUser('U0NOBODY1'), undefined);
    assert.equal(await t.directory.findUser('U0SLOW001'), undefined);
    assert.equal(await t.directory.findUser('U0SLOW001'), undefined);
    assert.deepEqual(t.asked, ['U0NOBODY1', 'U0SLOW001', 'U0SLOW001']);
    assert.deepEqual(t.problems, ['U0NOBODY1: user_not_found', 'U0SLOW001: no answer within 500 ms', 'U0SLOW001: no answer within 500 ms']);
  });

  it('never asks Slack when no user is mapped by email', async () => {
    let asked = 0;
    const directory = new SlackUserDirectory({
      users: [users[0]!],
      clock: { now: () => epochMs(0) },
      lookUpEmail: async () => { asked++; return { kind: 'none', reason: 'x' }; },
    });
    assert.equal(await directory.findUser('U0OTHER01'), undefined);
    assert.equal(asked, 0);
  });
});
