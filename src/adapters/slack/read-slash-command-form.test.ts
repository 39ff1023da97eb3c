import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSlashCommandForm } from './index.js';

describe('readSlashCommandForm', () => {
  it('reads the fields of a slash-command body, decoding + and %XX', () => {
    const body = 'token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&channel_id=C2147483705&channel_name=incidents'
      + '&user_id=U2147483697&user_name=Steve&command=%2Fincident-response&text=critical+outage+production+--title+%22A+%26+B%22'
      + '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0';
    assert.deepEqual(readSlashCommandForm(body), {
      teamId: 'T0001',
      userId: 'U2147483697',
      userName: 'Steve',
      command: '/incident-response',
      text: 'critical outage production --title "A & B"',
      channelId: 'C2147483705',
      responseUrl: 'https://hooks.slack.com/commands/1234/5678',
      triggerId: '13345224609.738474920.8088930838d88f008e0',
    });
    assert.equal(readSlashCommandForm(Buffer.from(body)).text, 'critical outage production --title "A & B"');
  });

  it('drops the deprecated verification token', () => {
    assert.ok(!JSON.stringify(readSlashCommandForm('token=secret-ish&user_id=U1')).includes('secret-ish'));
  });

  it('refuses a body without a user', () => {
    assert.throws(() => readSlashCommandForm('text=hello'), { code: 'VALIDATION' });
  });

  it('refuses text holding a NUL character, naming the field', () => {
    assert.throws(() => readSlashCommandForm('user_id=U1&text=critical%00outage'), (error: { code?: string; issues?: { path: string }[]; message?: string }) => {
      assert.equal(error.code, 'VALIDATION');
      assert.deepEqual(error.issues?.map((i) => i.path), ['text']);
      assert.match(error.message ?? '', /NUL character/);
      return true;
    });
  });
});
