import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConnectionRecorder, startRedirector, type ConnectionRecorder } from '../../../test/support/outbound-servers.js';
import type { OutboundCall } from '../../app/config/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { createOutboundRunner } from './outbound-runner.js';

const KEY = 'detection.allow_private_addresses';
const call = (url: string, method: 'POST' | 'PUT' = 'POST'): OutboundCall => ({ kind: 'http', method, url, headers: { authorization: 'Bearer ${FIREWALL_TOKEN}' }, body: '{"source":"203.0.113.9"}' });

describe('remediation HTTP calls through the SSRF guard', () => {
  let firewall: ConnectionRecorder;
  let elsewhere: ConnectionRecorder;
  before(async () => {
    firewall = await startConnectionRecorder((req, res) => res.writeHead(req.url === '/busy' ? 503 : 200, { 'content-type': 'text/plain' }).end(req.url === '/busy' ? 'try later' : 'isolated'));
    elsewhere = await startConnectionRecorder();
  });
  after(async () => {
    await firewall.close();
    await elsewhere.close();
  });

  it('sends the configured method, body and headers (secrets from the environment) to the configured origin', async () => {
    const runner = createOutboundRunner({ FIREWALL_TOKEN: 'fw-secret' }, new AddressGuard([], KEY, [firewall.url]));
    assert.deepEqual(await runner.run(call(`${firewall.url}/isolate`, 'PUT'), 2000), { ok: true, detail: `PUT ${firewall.url}/isolate answered 200: isolated` });
    assert.deepEqual(firewall.requests.map((r) => [r.method, r.url, r.headers.authorization, r.body]), [['PUT', '/isolate', 'Bearer fw-secret', '{"source":"203.0.113.9"}']]);
    assert.deepEqual(await runner.run(call(`${firewall.url}/busy`), 2000), { ok: false, reason: `POST ${firewall.url}/busy answered 503: try later` });
  });

  it('refuses a URL resolving to loopback that is neither configured nor allow-listed, without connecting', async () => {
    const runner = createOutboundRunner({ FIREWALL_TOKEN: 'fw-secret' }, new AddressGuard([], KEY));
    const result = await runner.run(call(`http://localhost:${elsewhere.port}/isolate`), 2000);
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /^POST http:\/\/localhost:\d+\/isolate: refused to connect to localhost: .* is a loopback, private or link-local address; add it to detection\.allow_private_addresses to reach it$/);
    assert.equal(elsewhere.connections(), 0);
  });

  for (const [name, location] of [['127.0.0.1', () => `${elsewhere.url}/admin`], ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/']] as const) {
    it(`reaches the configured URL but refuses its redirect to ${name}, and the secret goes nowhere else`, async () => {
      const configured = await startRedirector(location());
      try {
        const runner = createOutboundRunner({ FIREWALL_TOKEN: 'fw-secret' }, new AddressGuard([], KEY, [configured.url]));
        const result = await runner.run(call(`${configured.url}/isolate`), 2000);
        assert.equal(configured.requests.length, 1, 'the configured origin was reached');
        assert.equal(result.ok, false);
        assert.ok((result as { reason: string }).reason.startsWith(`POST ${configured.url}/isolate: refused to connect to ${name}: `), (result as { reason: string }).reason);
        assert.equal(elsewhere.connections(), 0);
      } finally {
        await configured.close();
      }
    });
  }
});
