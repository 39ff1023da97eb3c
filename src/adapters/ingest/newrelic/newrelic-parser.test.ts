import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { epochMs } from "../../../domain/time/index.js";
import type { IngestAccepted, IngestContext, IngestOutcome, IngestRejected } from "../ingest-source.js";
import { newRelicSource } from "./newrelic-source.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../../../test/fixtures/ingest");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");
const NOW = epochMs(Date.parse("2026-11-28T18:00:00Z"));
let ids = 0;
function ctx(over: Partial<IngestContext> = {}): IngestContext {
  return { receivedAt: NOW, headers: {}, params: {}, query: {}, newId: () => `id-${++ids}`, ...over };
}
function accepted(o: IngestOutcome): IngestAccepted {
  if (!o.ok) assert.fail(`expected ok, got ${JSON.stringify(o.errors)}`);
  return o;
}
function rejected(o: IngestOutcome): IngestRejected {
  if (o.ok) assert.fail("expected a rejection");
  return o;
}
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
