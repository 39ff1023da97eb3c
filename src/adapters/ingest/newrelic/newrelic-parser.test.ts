import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { newRelicSource } from "./newrelic-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string) => newRelicSource.parse(body, ctx());

describe("newrelic", () => {
  it("an ACTIVATED issue triggers, keyed by issue id", () => {
    const s = accepted(parse(fixture("newrelic-activated.json"))).signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.dedupKey, "0ea2df1c-adab-45d2-aae0-042b609d2322");
    assert.equal(s.severity, "critical");
    assert.equal(s.summary, "Memory Used % > 90 for at least 2 minutes on 'checkout'");
    assert.deepEqual(s.labels, { policy: "Golden Signals", condition: "Memory high", entity: "checkout", workflow: "incident-response" });
    assert.equal(s.startsAt, 1701421200000);
  });
  it("CLOSED resolves the same issue; closedAt (sent by newer templates) is the end", () => {
    const s = accepted(parse(fixture("newrelic-closed.json"))).signals[0]!;
    assert.equal(s.action, "resolve");
    assert.equal(s.endsAt, 1701421800000);
  });
  it("ACKNOWLEDGED acknowledges; a template naming the id issueId works", () => {
    const s = accepted(parse(JSON.stringify({ issueId: "i-1", title: "t", state: "ACKNOWLEDGED", priority: "LOW" }))).signals[0]!;
    assert.deepEqual([s.action, s.dedupKey, s.severity], ["acknowledge", "i-1", "low"]);
  });
  const bad: [string, unknown, RegExp][] = [
    ["no issue id", { title: "t", state: "ACTIVATED" }, /issue id is missing/],
    ["an unknown state", { id: "i", state: "OPEN" }, /^state$/],
    ["an unknown priority", { id: "i", state: "ACTIVATED", priority: "URGENT" }, /^priority$/],
  ];
  for (const [name, body, pattern] of bad) {
    it(`refuses ${name}`, () => {
      const r = rejected(parse(JSON.stringify(body)));
      assert.match(`${r.errors[0]!.path}|${r.errors[0]!.message}`.split("|").find((x) => pattern.test(x)) ?? "", pattern);
    });
  }
});
