// Declaring answers who was paged: with an escalation policy, the people of its first step and how;
// without any paging configuration, plainly that no one was and how to fix it (the API answer, and
// the CLI text rendered from it). A SEV-1 never reads as if leadership had been escalated to.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderDeclared } from '../../src/adapters/cli/render/render-incident.js';
import { TimeFormatter } from '../../src/adapters/cli/render/format-time.js';
import { createStyle } from '../../src/adapters/cli/render/style.js';
import type { DeclaredOutcome } from '../../src/app/incidents/index.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHarness, type Harness } from '../http/http-harness.js';
import { WORLD_CONFIG } from './paging-world.js';

const SEV1 = { severity: 'critical', type: 'outage', environment: 'production', title: 'Checkout API down', service: 'checkout-api' };

for (const kind of STORE_KINDS) {
  describe(`declare says who was paged (${kind})`, () => {
    let configured: Harness;
    let bare: Harness;
    before(async () => {
      configured = await startHarness(kind, {}, { configYaml: WORLD_CONFIG });
      bare = await startHarness(kind);
    });
    after(async () => {
      await configured?.close();
      await bare?.close();
    });

    it('lists the people the escalation policy paged, with their channel, in the API answer', async () => {
      const res = await configured.request('POST', '/api/v1/incidents', { as: 'responder', body: SEV1 });
      assert.equal(res.statusCode, 201, res.body);
      const { paging } = res.json() as DeclaredOutcome;
      assert.equal(paging.isConfigured, true);
      assert.equal(paging.policy, 'Payments');
      // Step 1: the schedule's Alice by SMS (voice follows after 5 minutes); SEV-1 also draws in the team's executives.
      assert.deepEqual(paging.paged.map((p) => `${p.name} ${p.via} ${p.step}`).sort(), ['Alice Adams sms 1', 'Alice Adams voice 1', 'Eve Evans email 1']);
      assert.match(paging.summary, /^Paged Alice Adams \(sms, voice\), Eve Evans \(email\) through Payments\.$/);
      const outcome = res.json() as DeclaredOutcome;
      const text = renderDeclared(outcome.incident, outcome.paging, new TimeFormatter('UTC', Date.parse(outcome.incident.asOf)), createStyle(false));
      assert.match(text, /\nPaged through Payments\n {2}Alice Adams {2}sms, voice {2}step 1, \d\d:\d\d UTC\n {2}Eve Evans {4}email {7}step 1, \d\d:\d\d UTC\n/);
      assert.match(text, /Escalation {6}automatic escalation to leadership\n/);
    });

    it('says plainly that no one was paged when nothing is configured, and how to fix it', async () => {
      const res = await bare.request('POST', '/api/v1/incidents', { as: 'responder', body: { ...SEV1, service: undefined } });
      assert.equal(res.statusCode, 201, res.body);
      const outcome = res.json() as DeclaredOutcome;
      assert.deepEqual(outcome.paging.paged, []);
      assert.equal(outcome.paging.isConfigured, false);
      assert.match(outcome.paging.summary, /^No one was paged: no escalation policy is configured\. Add a policy under escalation_policies: and name it in paging\.default_escalation_policy/);

      const text = renderDeclared(outcome.incident, outcome.paging, new TimeFormatter('UTC', Date.parse(outcome.incident.asOf)), createStyle(false));
      assert.match(text, /Escalation {6}automatic escalation to leadership \(policy; nobody was paged\)/);
      assert.match(text, /\nPaged: no one —\n {2}no escalation policy is configured\. Add a policy under escalation_policies:\n {2}and name it in paging\.default_escalation_policy/);
    });

    it('names the missing policy of a service when other policies exist', async () => {
      const res = await configured.request('POST', '/api/v1/incidents', { as: 'responder', body: { ...SEV1, service: undefined, title: 'Search slow' } });
      const { paging } = res.json() as { paging: { paged: unknown[]; isConfigured: boolean; summary: string } };
      assert.deepEqual(paging.paged, []);
      assert.equal(paging.isConfigured, false);
      assert.match(paging.summary, /^No one was paged: no escalation policy for incidents without a service \(set services\.<id>\.escalation_policy or paging\.default_escalation_policy\)\.$/);
    });
  });
}
