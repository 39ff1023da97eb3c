import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { opsgenieSource } from "./opsgenie-source.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const parse = (body: string, c = ctx()) => opsgenieSource.parse(body, c);
const act = (identifier: string, action: string, query: Record<string, string> = { identifierType: "alias" }) => ctx({ params: { identifier, action }, query });

describe("opsgenie", () => {
  it("maps the documented create example; the API key is the integration", () => {
    const o = accepted(parse(fixture("opsgenie-create.json"), ctx({ headers: { authorization: "GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889" } })));
    const s = o.signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.dedupKey, "Life is too short for no alias");
    assert.equal(s.summary, "An example alert message");
    assert.equal(s.severity, "critical");
    assert.equal(s.integrationKey, "eb243592-faa2-4ba2-a551q-1afdf565c889");
    assert.deepEqual(s.labels, { key1: "value1", key2: "value2" });
    assert.deepEqual(s.details["tags"], ["OverwriteQuietHours", "Critical"]);
    const answer = JSON.parse(opsgenieSource.accepted(o, ctx({ newId: () => "req-1" })).body);
    assert.deepEqual(answer, { result: "Request will be processed", took: 0.001, requestId: "req-1" });
  });
  it("takes Alertmanager's create (source \"\", details = common labels) and its close by alias", () => {
    const s = accepted(parse(fixture("opsgenie-create-from-alertmanager.json"))).signals[0]!;
    assert.equal(s.labels["service"], "checkout");
    const close = accepted(parse(fixture("opsgenie-close-from-alertmanager.json"), act(s.dedupKey, "close"))).signals[0]!;
    assert.equal(close.action, "resolve");
    assert.equal(close.dedupKey, s.dedupKey);
  });
  it("a create without alias gets a fresh key (Opsgenie would not deduplicate it)", () => {
    assert.equal(accepted(parse(JSON.stringify({ message: "m" }), ctx({ newId: () => "fresh" }))).signals[0]!.dedupKey, "fresh");
  });
  it("close, acknowledge and add note with the documented bodies", () => {
    assert.equal(accepted(parse(fixture("opsgenie-close.json"), act("a1", "close"))).signals[0]!.details["user"], "Monitoring Script");
    assert.equal(accepted(parse(fixture("opsgenie-close.json"), act("a1", "acknowledge"))).signals[0]!.action, "acknowledge");
    const note = accepted(parse(fixture("opsgenie-add-note.json"), act("a1", "notes")));
    assert.equal(note.signals.length, 0);
    assert.deepEqual(note.notes?.map((n) => [n.dedupKey, n.text, n.user]), [["a1", "Action executed via Alert API", "Monitoring Script"]]);
  });
  it("tolerates fields newer clients add", () => {
    accepted(parse(JSON.stringify({ message: "m", extraProperties: { a: 1 }, notify: true })));
  });

  const limits: [string, unknown, RegExp][] = [
    ["message over 130", { message: "m".repeat(131) }, /Message can not be longer than 130/],
    ["empty message", { message: " " }, /Message can not be empty/],
    ["alias over 512", { message: "m", alias: "a".repeat(513) }, /Alias can not be longer than 512/],
    ["description over 15000", { message: "m", description: "d".repeat(15001) }, /Description can not be longer than 15000/],
    ["21 tags", { message: "m", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /at most 20 tags/],
    ["a tag over 50", { message: "m", tags: ["t".repeat(51)] }, /Tag can not be longer than 50/],
    ["11 actions", { message: "m", actions: Array.from({ length: 11 }, (_, i) => `a${i}`) }, /at most 10 actions/],
    ["details over 8000", { message: "m", details: { k: "v".repeat(8000) } }, /Details can not be longer than 8000/],
    ["unknown priority", { message: "m", priority: "P0" }, /Priority should be one of/],
    ["entity over 512", { message: "m", entity: "e".repeat(513) }, /Entity can not be longer than 512/],
  ];
  for (const [name, body, message] of limits) {
    it(`refuses ${name} with 422 and Opsgenie's shape`, () => {
      const r = rejected(parse(JSON.stringify(body)));
      const answer = opsgenieSource.rejected(r, ctx({ newId: () => "req-2" }));
      assert.equal(answer.status, 422);
      const json = JSON.parse(answer.body);
      assert.match(json.message, message);
      assert.equal(json.requestId, "req-2");
      assert.equal(typeof json.took, "number");
    });
  }
  it("acts by our alert id (Opsgenie's default identifierType) and refuses tiny ids", () => {
    for (const query of [{}, { identifierType: "id" }] as Record<string, string>[]) {
      const s = accepted(parse("{}", act("alert-7", "close", query))).signals[0]!;
      assert.equal(s.alertId, "alert-7");
      assert.equal(s.action, "resolve");
    }
    assert.equal(accepted(parse(fixture("opsgenie-add-note.json"), act("alert-7", "notes", { identifierType: "id" }))).notes?.[0]?.alertId, "alert-7");
    assert.equal(accepted(parse("{}", act("a1", "close"))).signals[0]!.alertId, undefined);
    const tiny = rejected(parse("{}", act("1791", "close", { identifierType: "tiny" })));
    assert.match(tiny.errors[0]!.message, /identifierType 'tiny' is not supported/);
    assert.equal(opsgenieSource.rejected(tiny, ctx()).status, 422);
  });
  it("refuses unknown actions and notes without text", () => {
    assert.match(rejected(parse("{}", act("a1", "snooze"))).errors[0]!.message, /unsupported alert action 'snooze'/);
    assert.match(rejected(parse("{}", act("a1", "notes"))).errors[0]!.message, /Note can not be empty/);
  });
  it("answers 429 with Retry-After under load", () => {
    const busy = opsgenieSource.overloaded(2, ctx());
    assert.equal(busy.status, 429);
    assert.equal(busy.headers["retry-after"], "2");
  });
});
