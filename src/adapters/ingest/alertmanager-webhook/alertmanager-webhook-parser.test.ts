import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { alertmanagerWebhookSource } from "./alertmanager-webhook-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string, c = ctx()) => alertmanagerWebhookSource.parse(body, c);

describe("alertmanager-webhook", () => {
  it("maps a firing v4 notification to one trigger keyed by fingerprint", () => {
    const [s, ...rest] = accepted(parse(fixture("alertmanager-webhook-firing.json"))).signals;
    assert.equal(rest.length, 0);
    assert.equal(s!.action, "trigger");
    assert.equal(s!.dedupKey, "1a30ba71cca2921f");
    assert.equal(s!.summary, "BlackBox Probe Failure: https://server.example.org");
    assert.equal(s!.severity, "critical");
    assert.equal(s!.labels["job"], "http_checks");
    assert.equal(s!.startsAt, Date.parse("2023-02-06T13:08:45.828Z"));
    assert.equal(s!.endsAt, undefined, "Go zero time means no end");
    assert.equal(s!.details["groupKey"], '{}/{severity="critical"}:{alertname="ProbeFailure"}');
    assert.equal(s!.links[0]!.text, "Source");
  });

  it("resolves, and computes the fingerprint when an old Alertmanager omits it (nanosecond timestamps)", () => {
    const [s] = accepted(parse(fixture("alertmanager-webhook-resolved-v0.15.json"))).signals;
    assert.equal(s!.action, "resolve");
    assert.match(s!.dedupKey, /^[0-9a-f]{16}$/);
    assert.equal(s!.dedupKey, s!.fingerprint);
    assert.equal(s!.endsAt, Date.parse("2018-08-03T07:56:26.739Z"));
    assert.equal(s!.summary, "some description");
  });

  it("tolerates Grafana's variant (version 1, orgId, values, silenceURL, title, state)", () => {
    const [s] = accepted(parse(fixture("grafana-webhook-firing.json"))).signals;
    assert.equal(s!.dedupKey, "c6eadffa33fcdf37");
    assert.equal(s!.summary, "This alert was triggered for zone us-1");
    assert.deepEqual(s!.links.map((l) => l.text), ["Source", "Runbook"]);
  });

  it("keeps the integration key the server resolved", () => {
    const [s] = accepted(parse(fixture("alertmanager-webhook-firing.json"), ctx({ integrationKey: "prod" }))).signals;
    assert.equal(s!.integrationKey, "prod");
  });

  const broken: [string, string, RegExp][] = [
    ["not JSON", "{", /^$/],
    ["missing alerts", JSON.stringify({ version: "4", groupKey: "g", status: "firing", receiver: "r" }), /^alerts$/],
    ["bad alert status", JSON.stringify({ version: "4", groupKey: "g", status: "firing", receiver: "r", alerts: [{ status: "pending", labels: {} }] }), /^alerts\[0\]\.status$/],
    ["non-string label", JSON.stringify({ version: "4", groupKey: "g", status: "firing", receiver: "r", alerts: [{ status: "firing", labels: { a: 1 } }] }), /^alerts\[0\]\.labels\.a$/],
  ];
  for (const [name, body, path] of broken) {
    it(`rejects ${name} with the path`, () => {
      const r = rejected(parse(body));
      assert.equal(r.reason, "invalid");
      assert.match(r.errors[0]!.path, path);
    });
  }

  it("answers 200 empty, 400 with reasons, 503 when overloaded", () => {
    const c = ctx();
    assert.deepEqual([alertmanagerWebhookSource.accepted({ ok: true, signals: [] }, c).status, alertmanagerWebhookSource.accepted({ ok: true, signals: [] }, c).body], [200, ""]);
    assert.equal(alertmanagerWebhookSource.rejected(rejected(parse("{")), c).status, 400);
    assert.equal(alertmanagerWebhookSource.overloaded(5, c).status, 503);
  });
});
