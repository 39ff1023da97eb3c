import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pagerDutyEventsSource } from "./pagerduty-events-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string, c = ctx()) => pagerDutyEventsSource.parse(body, c);
const event = (over: Record<string, unknown>) => JSON.stringify({ routing_key: "rk", event_action: "trigger", payload: { summary: "s", source: "host", severity: "error" }, ...over });

describe("pagerduty-events v2", () => {
  it("maps the documented trigger example", () => {
    const o = accepted(parse(fixture("pagerduty-v2-trigger.json")));
    const s = o.signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.dedupKey, "samplekeyhere");
    assert.equal(s.integrationKey, "samplekeyhere");
    assert.equal(s.severity, "low");
    assert.equal(s.startsAt, Date.parse("2015-07-17T08:42:58.315Z"), "+0000 offsets parse");
    assert.deepEqual(s.labels, { source: "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003", component: "postgres", group: "prod-datapipe", class: "deploy" });
    assert.deepEqual(s.details["custom_details"], { "ping time": "1500ms", "load avg": 0.75 });
    assert.deepEqual(s.links.map((l) => l.href), ["https://example.com/", "https://monitoring.example.com"]);
    const answer = pagerDutyEventsSource.accepted(o, ctx());
    assert.equal(answer.status, 202);
    assert.deepEqual(JSON.parse(answer.body), { status: "success", message: "Event processed", dedup_key: "samplekeyhere" });
  });
  it("acknowledge and resolve need only routing_key and dedup_key", () => {
    assert.equal(accepted(parse(fixture("pagerduty-v2-acknowledge.json"))).signals[0]!.action, "acknowledge");
    assert.equal(accepted(parse(fixture("pagerduty-v2-resolve.json"))).signals[0]!.action, "resolve");
  });
  it("takes what Alertmanager's pagerduty_configs send with routing_key", () => {
    const s = accepted(parse(fixture("pagerduty-v2-from-alertmanager.json"))).signals[0]!;
    assert.equal(s.severity, "critical");
    assert.equal(s.summary, "[FIRING:1] HighErrorRate checkout critical");
    assert.equal(s.links[0]!.href, "http://alertmanager.example.com:9093/#/alerts?receiver=pagerduty");
  });
  it("generates a dedup key for a trigger without one and echoes it", () => {
    const o = accepted(parse(event({}), ctx({ newId: () => "generated-1" })));
    assert.equal(o.signals[0]!.dedupKey, "generated-1");
    assert.equal(o.echo?.["dedup_key"], "generated-1");
  });
  it("tolerates fields newer clients send", () => {
    accepted(parse(event({ payload: { summary: "s", source: "h", severity: "info", new_field: { x: 1 } }, client_version: "9", images: [] })));
  });

  const limits: [string, string, string][] = [
    ["dedup_key of 256 characters", event({ dedup_key: "k".repeat(256) }), "'dedup_key' is longer than 255 characters (256)"],
    ["summary of 1025 characters", event({ payload: { summary: "s".repeat(1025), source: "h", severity: "info" } }), "'payload.summary' is longer than 1024 characters (1025)"],
  ];
  for (const [name, body, message] of limits) {
    it(`refuses a ${name} in PagerDuty's error shape`, () => {
      const r = rejected(parse(body));
      const answer = pagerDutyEventsSource.rejected(r, ctx());
      assert.equal(answer.status, 400);
      assert.deepEqual(JSON.parse(answer.body), { status: "invalid event", message: "Event object is invalid", errors: [message] });
    });
  }
  it("accepts exactly 255 and 1024 characters", () => {
    accepted(parse(event({ dedup_key: "k".repeat(255), payload: { summary: "s".repeat(1024), source: "h", severity: "info" } })));
  });
  it("refuses a body over 512 KB", () => {
    const r = rejected(parse(event({ payload: { summary: "s", source: "h", severity: "info", custom_details: { blob: "x".repeat(512 * 1024) } } })));
    assert.equal(r.reason, "too-large");
    assert.equal(pagerDutyEventsSource.rejected(r, ctx()).status, 413);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["missing routing_key", { routing_key: undefined }, /'routing_key' is missing/],
    ["bad event_action", { event_action: "escalate" }, /'event_action' is invalid \(must be one of the following: 'trigger', 'acknowledge' or 'resolve'\)/],
    ["trigger without payload", { payload: undefined }, /'payload' is missing/],
    ["blank summary", { payload: { summary: " ", source: "h", severity: "info" } }, /'payload.summary' is missing or blank/],
    ["missing source", { payload: { summary: "s", severity: "info" } }, /'payload.source' is missing/],
    ["bad severity", { payload: { summary: "s", source: "h", severity: "high" } }, /'payload.severity' is invalid \(must be one of the following: 'critical', 'error', 'warning' or 'info'\)/],
    ["bad timestamp", { payload: { summary: "s", source: "h", severity: "info", timestamp: "soon" } }, /'payload.timestamp'/],
    ["resolve without dedup_key", { event_action: "resolve", payload: undefined }, /'dedup_key' is required for 'resolve' events/],
  ];
  for (const [name, over, message] of invalid) {
    it(`refuses ${name}`, () => {
      const r = rejected(parse(event(over)));
      assert.match(r.errors.map((e) => e.message).join("|"), message);
    });
  }
  it("refuses a body that is not JSON, and answers 429 with Retry-After under load", () => {
    assert.equal(pagerDutyEventsSource.rejected(rejected(parse("nope")), ctx()).status, 400);
    const busy = pagerDutyEventsSource.overloaded(30, ctx());
    assert.equal(busy.status, 429);
    assert.equal(busy.headers["retry-after"], "30");
  });
});

describe("pagerduty-events v1 (as Alertmanager's service_key sends them)", () => {
  it("maps a v1 trigger with event_action \"\" and payload null", () => {
    const o = accepted(parse(fixture("pagerduty-v1-from-alertmanager.json")));
    const s = o.signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.integrationKey, "0c1cc665a594419b6d215e81f4e38f7");
    assert.equal(s.dedupKey, "6d5e2b2b8f2d4c8d0c0a2d3f3e4b5a6978a9b0c1d2e3f405162738495a6b7c8d");
    assert.equal(s.summary, "[FIRING:1] HighErrorRate checkout critical");
    assert.equal(s.details["apiVersion"], "v1");
    assert.deepEqual(JSON.parse(pagerDutyEventsSource.accepted(o, ctx()).body), { status: "success", message: "Event processed", incident_key: s.dedupKey, dedup_key: s.dedupKey });
  });
  it("maps the v1 resolve to the same key", () => {
    const s = accepted(parse(fixture("pagerduty-v1-resolve-from-alertmanager.json"))).signals[0]!;
    assert.equal(s.action, "resolve");
    assert.equal(s.dedupKey, "6d5e2b2b8f2d4c8d0c0a2d3f3e4b5a6978a9b0c1d2e3f405162738495a6b7c8d");
  });
  it("refuses a bad event_type and a long incident_key", () => {
    assert.match(rejected(parse(JSON.stringify({ service_key: "k", event_type: "page" }))).errors[0]!.message, /'event_type' is invalid/);
    assert.match(rejected(parse(JSON.stringify({ service_key: "k", event_type: "trigger", description: "d", incident_key: "i".repeat(256) }))).errors[0]!.message, /'incident_key' is longer than 255/);
    assert.match(rejected(parse(JSON.stringify({ service_key: "k", event_type: "acknowledge" }))).errors[0]!.message, /'incident_key' is required/);
  });
});
