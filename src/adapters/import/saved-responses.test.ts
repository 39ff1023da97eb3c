import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors/index.js';
import { SavedResponses, savedResponseFile } from './saved-responses.js';
import { pathOf } from './vendor-transport.js';

describe('saved responses (import --from DIR)', () => {
  it('names each file after the request path, pages after the first as .page-N', () => {
    assert.equal(savedResponseFile('/d', { path: '/users', query: { offset: 100 }, page: 1 }), '/d/users.json');
    assert.equal(savedResponseFile('/d', { path: '/users', page: 2 }), '/d/users.page-2.json');
    assert.equal(savedResponseFile('/d', { path: '/schedules/P1/overrides', page: 1 }), '/d/schedules/P1/overrides.json');
    assert.equal(savedResponseFile('/d', { path: '/api/v1/on_call_shifts/', page: 3 }), '/d/api/v1/on_call_shifts.page-3.json');
  });

  it('refuses an id that would lead outside the directory', () => {
    for (const id of ['..', '../../etc/passwd', 'a/../../b']) {
      assert.throws(() => savedResponseFile('/d', { path: `${pathOf('schedules', id)}/overrides`, page: 1 }), (e: unknown) => isAppError(e) && e.code === 'VALIDATION' && /not a plain name|outside/.test(e.message));
    }
  });

  it('answers undefined for a missing optional file and names the file for a missing required one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ir-saved-'));
    mkdirSync(join(dir, 'v2'));
    writeFileSync(join(dir, 'v2', 'users.json'), '{"data":[]}');
    const saved = new SavedResponses('Opsgenie', dir);
    assert.deepEqual(await saved.get({ path: '/v2/users', page: 1 }), { data: [] });
    assert.equal(await saved.get({ path: '/v2/users/u1/contacts', page: 1 }, { optional: true }), undefined);
    await assert.rejects(saved.get({ path: '/v2/teams', page: 1 }), (e: unknown) => isAppError(e) && e.code === 'NOT_FOUND' && e.message.includes('v2/teams.json does not exist'));
  });
});
