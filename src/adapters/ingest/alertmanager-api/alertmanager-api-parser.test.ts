import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { labelFingerprint } from "../../../domain/alerts/index.js";
import { alertmanagerApiSource } from "./alertmanager-api-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string) => alertmanagerApiSource.parse(body, ctx());

describe("alertmanager-api (POST /api/v2/alerts)", () => {
  it("firing alerts trigger, an alert whose endsAt has passed resolves", () => {
    const signals = accepted(parse(fixture("alertmanager-api-v2-alerts.json"))).signals;
    assert.deepEqual(signals.map((s) => s.action), ["trigger", "resolve"]);
    assert.equal(signals[0]!.service, "checkout");
    assert.equal(signals[0]!.dedupKey, labelFingerprint(signals[0]!.labels));
    assert.notEqual(signals[0]!.dedupKey, signals[1]!.dedupKey);
    assert.deepEqual(signals[0]!.links.map((l) => l.text), ["Source", "Runbook"]);
  });
  it("an endsAt in the future keeps the alert firing", () => {
    const [s] = accepted(parse(JSON.stringify([{ labels: { alertname: "X" }, endsAt: "2026-11-28T18:05:00Z" }]))).signals;
    assert.equal(s!.action, "trigger");
  });
  const bad: [string, unknown, RegExp][] = [
    ["an object instead of an array", { labels: { a: "b" } }, /expected array/],
    ["no labels", [{ annotations: {} }], /labels/],
    ["empty labels", [{ labels: {} }], /at least one label/],
    ["invalid label name", [{ labels: { "bad-name": "x" } }], /label names/],
    ["end before start", [{ labels: { a: "b" }, startsAt: "2026-11-28T17:00:00Z", endsAt: "2026-11-28T16:00:00Z" }], /start time must be before end time/],
    ["unparsable startsAt", [{ labels: { a: "b" }, startsAt: "yesterday" }], /not a timestamp/],
  ];
  for (const [name, body, message] of bad) {
    it(`rejects ${name}`, () => {
      const r = rejected(parse(JSON.stringify(body)));
      assert.match(r.errors.map((e) => `${e.path} ${e.message}`).join("|"), message);
      const answer = alertmanagerApiSource.rejected(r, ctx());
      assert.equal(answer.status, 400);
      assert.equal(typeof JSON.parse(answer.body), "string", "Alertmanager answers errors as a JSON string");
    });
  }
  it("answers 200 empty and 503 under load", () => {
    assert.equal(alertmanagerApiSource.accepted({ ok: true, signals: [] }, ctx()).status, 200);
    assert.equal(alertmanagerApiSource.overloaded(1, ctx()).status, 503);
  });
});
