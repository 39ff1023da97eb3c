import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createServerLogger, maskText, maskUrl } from './server-logger.js';

const KEY = 'iri_Zq3vX8kLm2Pn7Rt5Wy1Ab4Cd6Ef9Gh0Jk2Lm4Np6Q';
const RANDOM = 'Zq3vX8kLm2Pn7Rt5Wy1Ab4Cd6Ef9Gh0';

describe('server log masking', () => {
  const cases: [string, string, string][] = [
    ['masks an integration key in the path', `/api/v1/alertmanager/${KEY}`, '/api/v1/alertmanager/iri_[Redacted]'],
    ['masks a percent-encoded key', `/integrations/datadog/iri%5F${RANDOM}`, '/integrations/datadog/iri_[Redacted]'],
    ['masks an API token in the path', '/x/irt_abc', '/x/irt_[Redacted]'],
    ['masks a random-looking segment', `/integrations/sns/${RANDOM}`, '/integrations/sns/[Redacted]'],
    ['masks a key after a heartbeat name', `/api/v1/heartbeats/nightly-backup/ping/${KEY}`, '/api/v1/heartbeats/nightly-backup/ping/iri_[Redacted]'],
    ['masks query values named like credentials', '/a?token=t1&api_key=k&X-Amz-Signature=s&code=c&password=p&routing_key=r&limit=5', '/a?token=[Redacted]&api_key=[Redacted]&X-Amz-Signature=[Redacted]&code=[Redacted]&password=[Redacted]&routing_key=[Redacted]&limit=5'],
    ['masks a random-looking query value under any name', `/a?q=${RANDOM}`, '/a?q=[Redacted]'],
    ['keeps incident ids, words and instants readable', '/api/v1/incidents/INC-2026-1128-003/timeline?at=2026-05-01T00:00:00Z', '/api/v1/incidents/INC-2026-1128-003/timeline?at=2026-05-01T00:00:00Z'],
    ['keeps UUIDs readable', '/api/v1/silences/3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b', '/api/v1/silences/3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b'],
    ['keeps long lower-case names readable', '/api/v1/oncall/schedules/platform-primary-rotation/calendar.ics', '/api/v1/oncall/schedules/platform-primary-rotation/calendar.ics'],
  ];
  for (const [name, url, logged] of cases) {
    it(name, () => assert.equal(maskUrl(url), logged));
  }

  it('masks route parameters named like a credential, however short', () => {
    assert.equal(maskUrl('/hooks/abc123', ['abc123']), '/hooks/[Redacted]');
  });

  it('masks keys and URL secrets inside free text', () => {
    assert.equal(maskText(`fetch https://hooks.example.com/webhookb2/${RANDOM}?sig=abc failed for ${KEY}`), 'fetch https://hooks.example.com/webhookb2/[Redacted]?sig=[Redacted] failed for iri_[Redacted]');
  });

  it('writes error messages and stacks masked', () => {
    const lines: string[] = [];
    const logger = createServerLogger({ destination: new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(chunk.toString()); done(); } }) });
    logger.error({ err: new Error(`could not reach https://example.com/api/v1/alertmanager/${KEY}`) }, 'request failed');
    logger.info({ req: { id: '1', method: 'POST', url: `/integrations/webhook/${KEY}`, params: { key: KEY } } }, 'incoming request');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(!line.includes(KEY.slice(4)), line);
    assert.match(lines[0]!, /alertmanager\/iri_\[Redacted\]/);
  });
});
