import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pagerDutyChangeSource } from "./pagerduty-change-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string) => pagerDutyChangeSource.parse(body, ctx());

describe("pagerduty-change", () => {
  it("maps the documented example to a change event, never a signal", () => {
    const o = accepted(parse(fixture("pagerduty-change.json")));
    assert.equal(o.signals.length, 0);
    const c = o.changes![0]!;
    assert.equal(c.summary, "Build Success: Increase snapshot create timeout to 30 seconds");
    assert.equal(c.origin, "acme-build-pipeline-tool-default-i-9999");
    assert.equal(c.happenedAt, Date.parse("2020-07-17T08:42:58.315Z"));
    assert.equal(c.integrationKey, "samplekeyhere");
    assert.deepEqual(c.links, [{ href: "https://acme.pagerduty.dev/build/2", text: "View more details in Acme!" }]);
    assert.equal(pagerDutyChangeSource.accepted(o, ctx()).status, 202);
  });
  const bad: [string, unknown, RegExp][] = [
    ["no routing key", { payload: { summary: "s" } }, /'routing_key' is missing/],
    ["no payload", { routing_key: "k" }, /'payload' is missing/],
    ["summary over 1024", { routing_key: "k", payload: { summary: "x".repeat(1025) } }, /longer than 1024/],
  ];
  for (const [name, body, message] of bad) {
    it(`refuses ${name} as an invalid event`, () => {
      const r = rejected(parse(JSON.stringify(body)));
      const answer = JSON.parse(pagerDutyChangeSource.rejected(r, ctx()).body);
      assert.equal(answer.status, "invalid event");
      assert.match(answer.errors.join("|"), message);
    });
  }
  it("answers 429 with Retry-After under load", () => {
    assert.equal(pagerDutyChangeSource.overloaded(10, ctx()).headers["retry-after"], "10");
  });
});
