import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { epochMs } from "../../../domain/time/index.js";
import { createGenericWebhookSource } from "./generic-webhook-source.js";
import { genericWebhookConfigSchema } from "./generic-webhook-schema.js";
import type { GenericWebhookConfig } from "./generic-webhook-schema.js";
import { signStandardWebhook, verifyStandardWebhook } from "./verify-standard-webhook.js";
import { readPath } from "./read-path.js";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";

const vector = JSON.parse(fixture("standard-webhooks-vector.json")) as { secret: string; msgId: string; timestamp: number; payload: string; signature: string };
const at = (seconds: number) => epochMs(seconds * 1000);
const headers = (signature = vector.signature, timestamp = String(vector.timestamp), id = vector.msgId) => ({ "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });

describe("verifyStandardWebhook", () => {
  it("accepts the specification's test vector", () => {
    assert.deepEqual(verifyStandardWebhook({ headers: headers(), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)), { ok: true, id: vector.msgId });
    assert.equal(signStandardWebhook(vector.secret, vector.msgId, vector.timestamp, vector.payload), vector.signature);
  });
  it("refuses a body with one byte changed", () => {
    const body = vector.payload.replace("2432232314", "2432232315");
    assert.deepEqual(verifyStandardWebhook({ headers: headers(), rawBody: body }, [vector.secret], at(vector.timestamp)), { ok: false, reason: "bad-signature" });
  });
  it("refuses a changed id or timestamp (they are signed too)", () => {
    assert.equal(verifyStandardWebhook({ headers: headers(undefined, undefined, "msg_other"), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)).ok, false);
    assert.equal(verifyStandardWebhook({ headers: headers(undefined, String(vector.timestamp + 1)), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)).ok, false);
  });
  it("enforces the 5-minute replay window both ways", () => {
    const verify = (now: number) => verifyStandardWebhook({ headers: headers(), rawBody: vector.payload }, [vector.secret], at(now));
    assert.equal(verify(vector.timestamp + 300).ok, true);
    assert.deepEqual(verify(vector.timestamp + 301), { ok: false, reason: "stale-timestamp" });
    assert.deepEqual(verify(vector.timestamp - 301), { ok: false, reason: "stale-timestamp" });
  });
  it("refuses the wrong secret and accepts any of several (rotation)", () => {
    const other = "whsec_" + Buffer.from("another-secret-key-32-bytes-long").toString("base64");
    assert.deepEqual(verifyStandardWebhook({ headers: headers(), rawBody: vector.payload }, [other], at(vector.timestamp)), { ok: false, reason: "bad-signature" });
    assert.equal(verifyStandardWebhook({ headers: headers(), rawBody: vector.payload }, [other, vector.secret], at(vector.timestamp)).ok, true);
  });
  it("finds the valid entry among several signatures in the header, skipping other versions", () => {
    const multi = `v1,Ym9ndXM= v1a,c29tZXRoaW5nIGVsc2U= ${vector.signature}`;
    assert.equal(verifyStandardWebhook({ headers: headers(multi), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)).ok, true);
    assert.equal(verifyStandardWebhook({ headers: headers("v1a," + vector.signature.slice(3)), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)).ok, false);
  });
  it("refuses missing headers, non-numeric timestamps and empty secrets", () => {
    assert.deepEqual(verifyStandardWebhook({ headers: {}, rawBody: vector.payload }, [vector.secret], at(vector.timestamp)), { ok: false, reason: "missing-headers" });
    assert.deepEqual(verifyStandardWebhook({ headers: headers(undefined, "1614265330.5"), rawBody: vector.payload }, [vector.secret], at(vector.timestamp)), { ok: false, reason: "stale-timestamp" });
    assert.equal(verifyStandardWebhook({ headers: headers(), rawBody: vector.payload }, ["whsec_"], at(vector.timestamp)).ok, false);
  });
});

describe("generic-webhook", () => {
  const config: GenericWebhookConfig = genericWebhookConfigSchema.parse({
    key: "grafana-oncall",
    itemsPath: "alerts",
    mapping: {
      dedupKey: "id", summary: "title", action: "state", actionValues: { alerting: "trigger", ok: "resolve", acked: "acknowledge" },
      severity: "labels.severity", service: "labels.service", environment: "labels.env", description: "message", startsAt: "started", link: "links[0].href",
      labels: { team: "labels.team", region: "meta.region" },
    },
  });
  const signedConfig = { ...config, key: "signed", signingSecrets: [vector.secret] };
  const source = createGenericWebhookSource((key) => [config, signedConfig].find((c) => c.key === key));
  const body = JSON.stringify({ alerts: [
    { id: "a-1", title: "Checkout errors", state: "alerting", message: "5xx > 5%", started: "2026-11-28T17:55:00Z", labels: { severity: "critical", service: "checkout", env: "prod", team: "payments" }, meta: { region: "eu" }, links: [{ href: "https://grafana.example/d/1" }] },
    { id: "a-2", title: "Latency", state: "ok", labels: {} },
  ] });

  it("maps each item through the dotted paths", () => {
    const [a, b] = accepted(source.parse(body, ctx({ integrationName: "grafana-oncall" }))).signals;
    assert.equal(a!.dedupKey, "a-1");
    assert.equal(a!.action, "trigger");
    assert.equal(a!.severity, "critical");
    assert.equal(a!.service, "checkout");
    assert.equal(a!.environment, "production");
    assert.deepEqual(a!.labels, { team: "payments", region: "eu" });
    assert.equal(a!.startsAt, Date.parse("2026-11-28T17:55:00Z"));
    assert.deepEqual(a!.links, [{ href: "https://grafana.example/d/1" }]);
    assert.equal(b!.action, "resolve");
  });
  it("reports the paths it could not read, and unmapped action values", () => {
    const r = rejected(source.parse(JSON.stringify({ alerts: [{ state: "weird" }] }), ctx({ integrationName: "grafana-oncall" })));
    assert.deepEqual(r.errors.map((e) => e.path), ["alerts[0].id", "alerts[0].title", "alerts[0].state"]);
    assert.match(r.errors[2]!.message, /'weird' is not a mapped action \(alerting, ok, acked\)/);
    assert.equal(rejected(source.parse(JSON.stringify({ alerts: {} }), ctx({ integrationName: "grafana-oncall" }))).errors[0]!.message, "expected an array of alerts here");
  });
  it("an unknown key is unauthenticated (401)", () => {
    const r = rejected(source.parse(body, ctx({ integrationName: "nope" })));
    assert.equal(r.reason, "unauthenticated");
    assert.equal(source.rejected(r, ctx()).status, 401);
  });
  it("requires a valid Standard Webhooks signature when secrets are configured", () => {
    const now = epochMs(Date.parse("2026-11-28T18:00:00Z"));
    const ts = Math.floor(now / 1000);
    const sig = signStandardWebhook(vector.secret, "msg_1", ts, body);
    const good = ctx({ integrationName: "signed", receivedAt: now, headers: { "webhook-id": "msg_1", "webhook-timestamp": String(ts), "webhook-signature": sig } });
    assert.equal(accepted(source.parse(body, good)).signals.length, 2);
    const unsigned = rejected(source.parse(body, ctx({ integrationName: "signed" })));
    assert.equal(unsigned.reason, "unauthenticated");
    assert.match(unsigned.errors[0]!.message, /headers are required/);
    const tampered = rejected(source.parse(body.replace("Latency", "Latencz"), good));
    assert.match(tampered.errors[0]!.message, /does not match/);
    const old = rejected(source.parse(body, { ...good, receivedAt: epochMs(now + 301_000) }));
    assert.match(old.errors[0]!.message, /more than 300s away/);
  });
  it("answers 202, and 429 with Retry-After under load", () => {
    const o = accepted(source.parse(body, ctx({ integrationName: "grafana-oncall" })));
    assert.deepEqual(JSON.parse(source.accepted(o, ctx()).body), { status: "accepted", signals: 2 });
    assert.equal(source.overloaded(3, ctx()).headers["retry-after"], "3");
  });
  it("readPath walks objects and arrays", () => {
    assert.equal(readPath({ a: [{ b: 1 }] }, "a.0.b"), 1);
    assert.equal(readPath({ a: [{ b: 1 }] }, "a[0].b"), 1);
    assert.equal(readPath({ a: null }, "a.b"), undefined);
  });
  it("config secrets must look like whsec_<base64>", () => {
    assert.equal(genericWebhookConfigSchema.safeParse({ key: "k", mapping: { dedupKey: "id", summary: "t" }, signingSecrets: ["plain"] }).success, false);
  });
});
