import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigHolder } from './config-holder.js';
import { DEFAULT_RESPONSE_CONFIG, type ResponseConfig } from './response-config.js';
import { DEFAULT_PAGING_CONFIG } from './paging-config.js';
import { durationMs } from '../../domain/time/index.js';

const person = (id: string, name = id) => ({ id, name, contactMethods: [], notificationRules: [] });
const schedule = (id: string, name = id) => ({ id, name, layers: [], overrides: [] });

describe('ConfigHolder', () => {
  it('reads every section of the live view from the configuration swapped in last, sections added later included', () => {
    const holder = new ConfigHolder(DEFAULT_RESPONSE_CONFIG);
    const live = holder.live;
    assert.equal(live.displayTimeZone, 'UTC');
    assert.equal('channels' in live, false);
    const next: ResponseConfig = { ...DEFAULT_RESPONSE_CONFIG, displayTimeZone: 'Europe/Berlin', channels: { allowPrivateAddresses: [] } as unknown as NonNullable<ResponseConfig['channels']> };
    holder.replace(next);
    assert.equal(live.displayTimeZone, 'Europe/Berlin');
    assert.equal('channels' in live, true);
    assert.equal(live.channels, next.channels);
    assert.equal(holder.current, next);
  });

  it('summarises which sections, schedules, people and services changed, and which need a restart', () => {
    const before: ResponseConfig = {
      ...DEFAULT_RESPONSE_CONFIG,
      people: [person('alice'), person('bob')],
      schedules: [schedule('primary'), schedule('secondary')],
      services: { api: { name: 'API' } },
    };
    const after: ResponseConfig = {
      ...before,
      people: [person('alice', 'Alice A.'), person('carol')],
      schedules: [schedule('primary')],
      services: { api: { name: 'API' }, web: { name: 'Web' } },
      paging: { ...DEFAULT_PAGING_CONFIG, engine: { ...DEFAULT_PAGING_CONFIG.engine, pollMs: durationMs(1000) } },
      heartbeats: [{ name: 'cron' } as unknown as ResponseConfig['heartbeats'][number]],
    };
    const summary = new ConfigHolder(before).replace(after);
    assert.deepEqual(summary, {
      sections: ['heartbeats', 'paging', 'people', 'schedules', 'services'],
      services: { added: ['web'], removed: [], changed: [] },
      schedules: { added: [], removed: ['secondary'], changed: [] },
      escalationPolicies: { added: [], removed: [], changed: [] },
      people: { added: ['carol'], removed: ['bob'], changed: ['alice'] },
      needsRestart: ['heartbeats', 'paging.engine'],
    });
  });

  it('names no section when the file did not change', () => {
    const summary = new ConfigHolder(DEFAULT_RESPONSE_CONFIG).replace({ ...DEFAULT_RESPONSE_CONFIG });
    assert.deepEqual([summary.sections, summary.needsRestart], [[], []]);
  });
});
