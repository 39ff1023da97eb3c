import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORE_KINDS } from '../support/stores.js';
import { startDetectionServer, type DetectionServer } from './detection-server.js';

const config = (argv: string[]) => `
detection:
  rules_file: triggers.yaml
  remediation:
    failover:
      command: ${JSON.stringify(argv)}
      timeout: 5s
      requires_approval: true
`;
const RULES = `
triggers:
  region_down:
    conditions: ["availability < 95%"]
    actions: ["create_incident(severity='high', type='outage')", "failover()"]
`;

interface Entry { actor: string; data: { status?: string; runId?: string; detail?: string } }

for (const kind of STORE_KINDS) {
  describe(`POST /api/v1/incidents/{id}/actions/{runId}/approve (${kind})`, () => {
    let s: DetectionServer;
    before(async () => {
      s = await startDetectionServer(kind, { configYaml: config([process.execPath, '-e', 'console.log("failed over to eu-west-2")']), rulesYaml: RULES });
    });
    after(() => s.close());

    it('a commander approves the failover a firing rule asked for; it runs and the timeline says so', async () => {
      await s.request('POST', '/api/v1/metrics', { as: 'responder', body: { samples: [{ metric: 'availability', value: 80 }] } });
      const report = await s.detection.engine.tick();
      const id = report.fired[0]!.incidentId!;
      const timeline = async () => ((await s.request('GET', `/api/v1/incidents/${id}/timeline`, { as: 'viewer' })).json() as { items: Entry[] }).items;
      const waiting = (await timeline()).find((e) => e.data.status === 'awaiting-approval')!;
      assert.match(waiting.data.detail ?? '', new RegExp(`approve with "POST /api/v1/incidents/${id}/actions/failover-\\d+/approve" \\(commander\\)`));
      const url = `/api/v1/incidents/${id}/actions/${waiting.data.runId}/approve`;

      assert.equal((await s.request('POST', url, { as: 'responder' })).statusCode, 403);
      assert.equal((await s.request('POST', `/api/v1/incidents/${id}/actions/nope/approve`, { as: 'commander' })).statusCode, 404);
      const approved = await s.request('POST', url, { as: 'commander' });
      assert.equal(approved.statusCode, 200);
      assert.deepEqual((approved.json() as { recorded: Entry[] }).recorded.map((e) => [e.actor, e.data.status]), [['commander-token', 'approved']]);
      assert.equal((await s.request('POST', url, { as: 'commander' })).statusCode, 409);

      await s.detection.engine.runUntilIdle();
      const run = (await timeline()).filter((e) => e.data.runId === waiting.data.runId);
      assert.deepEqual(run.map((e) => e.data.status), ['awaiting-approval', 'approved', 'running', 'done']);
      assert.equal(run.at(-1)!.data.detail, 'exit 0: failed over to eu-west-2');
    });
  });
}
