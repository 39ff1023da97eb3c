import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors/index.js';
import { parseConfig } from './index.js';

describe('Splunk and Elasticsearch evidence sources in detection.log_collection', () => {
  it('reads both with their defaults', () => {
    const d = parseConfig(`
detection:
  rules_file: triggers.yaml
  log_collection:
    sources:
      - { name: splunk-web, splunk: { url: 'https://splunk.example.com:8089/', search: 'index=web status>=500', token_env: SPLUNK_TOKEN } }
      - { name: es-checkout, elasticsearch: { url: 'https://es.example.com:9200', index: 'logs-checkout-*', query: 'log.level:error', api_key_env: ELASTIC_API_KEY, limit: 200 } }
`, 'c.yaml').detection!;
    const [splunk, es] = d.logSources;
    assert.ok(splunk?.kind === 'splunk' && es?.kind === 'elasticsearch');
    const { sinceMs, timeoutMs, maxBytes, ...splunkRest } = splunk;
    assert.deepEqual(splunkRest, { kind: 'splunk', name: 'splunk-web', url: 'https://splunk.example.com:8089', search: 'index=web status>=500', tokenEnv: 'SPLUNK_TOKEN', limit: 1000 });
    assert.ok(sinceMs > 0 && timeoutMs > 0 && maxBytes > 0);
    assert.deepEqual({ ...es, sinceMs: 0, timeoutMs: 0, maxBytes: 0 }, {
      kind: 'elasticsearch', name: 'es-checkout', url: 'https://es.example.com:9200', index: 'logs-checkout-*', query: 'log.level:error', timestampField: '@timestamp',
      apiKeyEnv: 'ELASTIC_API_KEY', limit: 200, sinceMs: 0, timeoutMs: 0, maxBytes: 0,
    });
    assert.equal(es.sinceMs, sinceMs, 'the same default window as Loki');
  });

  it('refuses a token written in place of its variable, naming the line and key', () => {
    try {
      parseConfig(`
detection:
  rules_file: triggers.yaml
  log_collection:
    sources:
      - { name: splunk-web, splunk: { url: 'https://splunk.example.com:8089', search: 'index=web', token_env: 'eyJraWQiOiJzcGx1bmsi' } }
`, 'c.yaml');
      assert.fail('expected CONFIG_INVALID');
    } catch (e) {
      assert.ok(e instanceof AppError && e.code === 'CONFIG_INVALID');
      const issue = e.issues.find((i) => i.path.endsWith('splunk.token_env'));
      assert.equal(issue?.line, 6);
      assert.match(issue?.message ?? '', /give the name of an environment variable/);
    }
  });
});
