import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { snsCloudWatchSource } from "./sns-cloudwatch-source.js";
import { snsMessageSchema } from "./sns-cloudwatch-schema.js";
import type { SnsMessage } from "./sns-cloudwatch-schema.js";
import { isTrustedSigningCertUrl, snsStringToSign, verifySnsSignature } from "./verify-sns-signature.js";
import { createSign } from "node:crypto";
import { accepted, ctx, fixture, rejected } from "../../../../test/support/ingest.js";
import { epochMs } from "../../../domain/time/index.js";

/** Received a second after SNS stamped it (a message older than the replay window has no effect). */
function receivedSoonAfter(body: string) {
  try {
    const at = Date.parse(String((JSON.parse(body) as { Timestamp?: unknown }).Timestamp));
    return Number.isNaN(at) ? ctx() : ctx({ receivedAt: epochMs(at + 1_000) });
  } catch {
    return ctx();
  }
}
const parse = (body: string) => snsCloudWatchSource.parse(body, receivedSoonAfter(body));

describe("sns-cloudwatch", () => {
  it("an ALARM notification triggers, keyed by the alarm, labelled by metric and dimensions", () => {
    const s = accepted(parse(fixture("sns-cloudwatch-alarm.json"))).signals[0]!;
    assert.equal(s.action, "trigger");
    assert.equal(s.dedupKey, "811322200214:US-East-2:awsapplicationelb-smith-poc-nodejs-restart-tg-High-Unhealthy-Hosts");
    assert.equal(s.integrationKey, "arn:aws:sns:us-east-2:811322200214:smith-poc-nodejs-restart-sns");
    assert.equal(s.labels["namespace"], "AWS/ApplicationELB");
    assert.equal(s.labels["dimension_LoadBalancer"], "app/smith-poc-nodejs-restart-alb/8aea219e2c2c6eb3");
    assert.equal(s.annotations["reason"], "Threshold Crossed: 1 datapoint (1.0) was greater than the threshold (0.0).");
    assert.equal(s.startsAt, Date.parse("2017-07-02T17:36:38.838Z"));
    assert.match(s.summary, /^ALARM: /);
  });
  it("an OK notification resolves the same alarm (by AlarmArn when present)", () => {
    const s = accepted(parse(fixture("sns-cloudwatch-ok.json"))).signals[0]!;
    assert.equal(s.action, "resolve");
    assert.equal(s.dedupKey, "arn:aws:cloudwatch:us-west-2:123456789123:alarm:awsrds-app-High-DB-Connections");
    assert.equal(s.endsAt, Date.parse("2016-07-24T22:15:19.737Z"));
  });
  it("remembers the MessageId for an hour after the Timestamp; an older notification is accepted without effect", () => {
    const body = fixture("sns-cloudwatch-alarm.json");
    const stamped = Date.parse("2017-07-02T17:36:38.958Z");
    assert.deepEqual(accepted(parse(body)).delivery, { id: "30b6e3dc-eedd-5a08-be1b-b20fdfbb831b", expiresAt: stamped + 3_600_000 });
    const late = accepted(snsCloudWatchSource.parse(body, ctx({ receivedAt: epochMs(stamped + 3_600_001) })));
    assert.deepEqual([late.signals.length, late.delivery], [0, undefined]);
    assert.ok(late.signature !== undefined, "the signature is still checked");
    const early = accepted(snsCloudWatchSource.parse(body, ctx({ receivedAt: epochMs(stamped - 300_001) })));
    assert.equal(early.signals.length, 0);
  });
  it("INSUFFICIENT_DATA is accepted and ignored", () => {
    const m = JSON.parse(fixture("sns-cloudwatch-ok.json"));
    m.Message = JSON.stringify({ ...JSON.parse(m.Message), NewStateValue: "INSUFFICIENT_DATA" });
    assert.equal(accepted(parse(JSON.stringify(m))).signals.length, 0);
  });
  it("a SubscriptionConfirmation becomes a typed follow-up; nothing is fetched", () => {
    const o = accepted(parse(fixture("sns-subscription-confirmation.json")));
    assert.equal(o.signals.length, 0);
    assert.equal(o.followUp?.kind, "confirm-subscription");
    assert.ok(o.followUp?.kind === "confirm-subscription" && o.followUp.subscribeUrl.startsWith("https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription"));
    assert.deepEqual(accepted(parse(fixture("sns-unsubscribe-confirmation.json"))).followUp, { kind: "subscription-ended", topicArn: "arn:aws:sns:us-west-2:123456789012:MyTopic" });
  });
  it("refuses a confirmation whose SubscribeURL is not an SNS https URL", () => {
    const m = JSON.parse(fixture("sns-subscription-confirmation.json"));
    for (const url of ["http://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription", "https://sns.us-west-2.amazonaws.com.evil.example/", "https://169.254.169.254/latest"]) {
      assert.match(rejected(parse(JSON.stringify({ ...m, SubscribeURL: url }))).errors[0]!.message, /not an https Amazon SNS URL/);
    }
  });
  it("refuses a SigningCertURL that is not an https SNS .pem, and asks the server to check the signature otherwise", () => {
    const m = JSON.parse(fixture("sns-cloudwatch-alarm.json"));
    for (const url of ["https://evil.example/x.pem", "http://sns.us-east-2.amazonaws.com/x.pem", "https://sns.us-east-2.amazonaws.com/x.txt", "https://127.0.0.1/x.pem"]) {
      assert.equal(rejected(parse(JSON.stringify({ ...m, SigningCertURL: url }))).errors[0]!.path, "SigningCertURL");
    }
    const o = accepted(parse(fixture("sns-cloudwatch-alarm.json")));
    assert.equal(o.signature?.certificateUrl, m.SigningCertURL);
    assert.equal(o.signature?.verify(fixture("sns-test-signing-cert.pem")), false);
    assert.ok(accepted(parse(fixture("sns-subscription-confirmation.json"))).signature);
  });
  const bad: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ["unknown Type", (m) => { m["Type"] = "Other"; }, /^Type$/],
    ["a Message that is not JSON", (m) => { m["Message"] = "disk full"; }, /^Message$/],
    ["an alarm without AlarmName", (m) => { m["Message"] = JSON.stringify({ NewStateValue: "ALARM" }); }, /^Message\.AlarmName$/],
    ["an unknown alarm state", (m) => { m["Message"] = JSON.stringify({ AlarmName: "a", NewStateValue: "BROKEN" }); }, /^Message\.NewStateValue$/],
    ["an unknown SignatureVersion", (m) => { m["SignatureVersion"] = "3"; }, /^SignatureVersion$/],
  ];
  for (const [name, edit, path] of bad) {
    it(`refuses ${name}`, () => {
      const m = JSON.parse(fixture("sns-cloudwatch-alarm.json"));
      edit(m);
      assert.match(rejected(parse(JSON.stringify(m))).errors[0]!.path, path);
    });
  }
  it("answers 200 and 503 under load", () => {
    assert.equal(snsCloudWatchSource.accepted({ ok: true, signals: [] }, ctx()).status, 200);
    assert.equal(snsCloudWatchSource.overloaded(1, ctx()).status, 503);
    assert.ok(snsCloudWatchSource.contentTypes.includes("text/plain"));
  });
});

describe("verifySnsSignature", () => {
  const key = fixture("sns-test-signing-key.pem");
  const cert = fixture("sns-test-signing-cert.pem");
  function signed(name: string, version: "1" | "2"): SnsMessage {
    const m = snsMessageSchema.parse({ ...JSON.parse(fixture(name)), SignatureVersion: version });
    const signature = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256").update(snsStringToSign(m)).sign(key, "base64");
    return { ...m, Signature: signature };
  }
  for (const version of ["1", "2"] as const) {
    it(`accepts SignatureVersion ${version} for a notification and a confirmation`, () => {
      assert.deepEqual(verifySnsSignature(signed("sns-cloudwatch-alarm.json", version), cert, { checkCertificateUrl: false }), { ok: true });
      assert.deepEqual(verifySnsSignature(signed("sns-subscription-confirmation.json", version), cert, { checkCertificateUrl: false }), { ok: true });
    });
  }
  it("refuses a changed message, a wrong certificate and an untrusted certificate URL", () => {
    const m = signed("sns-cloudwatch-alarm.json", "2");
    assert.deepEqual(verifySnsSignature({ ...m, Message: m.Message.replace("ALARM", "OK") }, cert, { checkCertificateUrl: false }), { ok: false, reason: "bad-signature" });
    assert.deepEqual(verifySnsSignature(m, "not a pem", { checkCertificateUrl: false }), { ok: false, reason: "bad-certificate" });
    assert.deepEqual(verifySnsSignature({ ...m, SigningCertURL: "https://evil.example/cert.pem" }, cert), { ok: false, reason: "untrusted-certificate-url" });
  });
  it("builds the documented string to sign (Subject only when present)", () => {
    const m = snsMessageSchema.parse(JSON.parse(fixture("sns-cloudwatch-alarm.json")));
    assert.match(snsStringToSign(m), /^Message\n\{.*\}\nMessageId\n30b6e3dc-eedd-5a08-be1b-b20fdfbb831b\nSubject\nALARM: .*\nTimestamp\n2017-07-02T17:36:38.958Z\nTopicArn\narn:aws:sns:us-east-2:811322200214:smith-poc-nodejs-restart-sns\nType\nNotification\n$/s);
    assert.ok(isTrustedSigningCertUrl(m.SigningCertURL));
    assert.equal(isTrustedSigningCertUrl("https://sns.us-east-2.amazonaws.com/cert.txt"), false);
  });
});
