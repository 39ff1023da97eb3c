import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { datadogSource } from "./datadog-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string) => datadogSource.parse(body, ctx());

describe("datadog", () => {
  it("reads the transition from the title of the default payload", () => {
    const s = accepted(parse(fixture("datadog-default-payload.json"))).signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.summary, "CPU load is high on my-host");
    assert.equal(s.dedupKey, "title:CPU load is high on my-host");
    assert.equal(s.startsAt, 1406662672000);
  });
  it("a custom payload with $ALERT_* variables recovers by alert cycle key", () => {
    const s = accepted(parse(fixture("datadog-custom-recovered.json"))).signals[0]!;
    assert.equal(s.action, "resolve");
    assert.equal(s.dedupKey, "7181749911111111111");
    assert.equal(s.labels["environment"], "production");
    assert.equal(s.service, "checkout");
    assert.equal(s.labels["host"], "my-host");
    assert.equal(s.severity, "high");
    assert.deepEqual(s.links, [{ href: "https://app.datadoghq.com/monitors/12345678", text: "Datadog" }]);
  });
  const transitions: [string, string, string | undefined][] = [
    ["Triggered", "trigger", undefined], ["Re-Triggered", "trigger", undefined], ["Warn", "trigger", "medium"],
    ["No Data", "trigger", "low"], ["Renotify", "trigger", undefined], ["Recovered", "resolve", undefined],
  ];
  for (const [transition, action, severity] of transitions) {
    it(`${transition} → ${action}`, () => {
      const s = accepted(parse(JSON.stringify({ title: "t", alert_transition: transition, alert_id: "1" }))).signals[0]!;
      assert.equal(s.action, action);
      assert.equal(s.severity, severity);
      assert.equal(s.dedupKey, "monitor:1");
    });
  }
  it("Null transitions and plain events are accepted and ignored", () => {
    assert.equal(accepted(parse(JSON.stringify({ title: "Deploy finished", alert_transition: "Null" }))).signals.length, 0);
    assert.equal(accepted(parse(JSON.stringify({ title: "Deploy finished" }))).signals.length, 0);
  });
  it("refuses a payload with neither title nor alert id, and non-JSON (form-encoded) bodies", () => {
    assert.match(rejected(parse(JSON.stringify({ body: "x" }))).errors[0]!.message, /neither title nor alert_id/);
    assert.equal(rejected(parse("title=x")).reason, "invalid");
  });
  it("answers 503 under load (Datadog retries only 5xx)", () => {
    assert.equal(datadogSource.overloaded(1, ctx()).status, 503);
  });
});
