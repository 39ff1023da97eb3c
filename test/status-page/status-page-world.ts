// A server with a configured status page, and helpers to declare, update and publish incidents.
import { readEventFeed } from '../../src/app/incidents/index.js';
import { publicIncidentId } from '../../src/app/status-page/index.js';
import { statusPageAdmin, statusPagePublisher } from '../../src/main/status-page-wiring.js';
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

/** The page with e-mail and webhook channels, so it offers subscriptions. */
export const SUBSCRIBABLE_YAML = `${STATUS_PAGE_YAML}channels:
  email: { host: smtp.example.com, from: Acme Status <status@example.com> }
  webhooks: { signing_secret_env: WEBHOOK_SIGNING_SECRET }
`;

export function startSubscribableHarness(kind: StoreKind): Promise<Harness> {
  return startHarness(kind, {}, { configYaml: SUBSCRIBABLE_YAML, env: { WEBHOOK_SIGNING_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } });
}

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

/**
 * Resolves once the server's event poller has seen every event written so far: the public page,
 * served from memory, shows them from the next request on. Nothing sleeps; the poller's own delivery resolves it.
 */
export async function caughtUp(h: Harness): Promise<void> {
  // The chain also holds the server's admin lines, which are not incident events: wait for the last incident event.
  const head = (await h.app.store.chainHead()).seq;
  const recent = await readEventFeed(h.app.store, Math.max(0, head - 1000), 1000);
  await statusPagePublisher(h.app)!.whenSeen(recent.at(-1)?.seq ?? 0);
}

/** A Statuspage document, once the page has caught up with what was written. */
export async function getJson(h: Harness, path: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await caughtUp(h);
  const res = await h.request('GET', `/api/v2/${path}`);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The id the public page gives an incident (never its internal id). */
export async function publicId(h: Harness, incidentId: string): Promise<string> {
  return publicIncidentId(await h.app.store.readIncidentEvents(incidentId));
}
