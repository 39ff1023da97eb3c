// A server with a configured status page, and helpers to declare, update and publish incidents.
import { statusPageAdmin } from '../../src/main/status-page-wiring.js';
import type { PublishInput } from '../../src/domain/status-page/index.js';
import type { StoreKind } from '../support/stores.js';
import { declare, startHarness, type Harness } from '../http/http-harness.js';

export const STATUS_PAGE_YAML = `
status_page:
  name: Acme Status
  url: https://status.example.com
  time_zone: UTC
  components:
    - id: api
      name: Public API
      description: REST and webhooks
    - id: web
      name: Web app
      group: Europe
`;

export function startStatusPageHarness(kind: StoreKind): Promise<Harness> {
  return startHarness(kind, {}, { configYaml: STATUS_PAGE_YAML });
}

export async function declareIncident(h: Harness, body: Record<string, unknown>): Promise<string> {
  return declare(h, body, 'security-admin');
}

export async function postUpdate(h: Harness, id: string, status: string, message: string): Promise<void> {
  const res = await h.request('POST', `/api/v1/incidents/${id}/status-updates`, { as: 'security-admin', body: { status, message } });
  if (res.statusCode !== 200) throw new Error(`update failed: ${res.statusCode} ${res.body}`);
}

export function publish(h: Harness, id: string, input: PublishInput, role: 'viewer' | 'responder' = 'responder') {
  return statusPageAdmin(h.app, { name: 'pat', role, teams: ['security'] }).publish(id, input);
}

export async function getJson(h: Harness, path: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await h.request('GET', `/api/v2/${path}`);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
