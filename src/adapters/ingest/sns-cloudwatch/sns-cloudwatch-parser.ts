import { labelFingerprint } from '../../../domain/alerts/index.js';
import { epochMs } from '../../../domain/time/index.js';
import type { AlertSignal } from '../../../domain/alerts/index.js';
import type { IngestContext, IngestOutcome } from '../ingest-source.js';
import { parseInstant } from '../parse-instant.js';
import { readJsonBody } from '../read-json-body.js';
import { zodIssues } from '../zod-issues.js';
import { cloudWatchAlarmSchema, snsMessageSchema } from './sns-cloudwatch-schema.js';
import { isAwsSnsUrl, isTrustedSigningCertUrl, verifySnsSignature } from './verify-sns-signature.js';

export const SNS_CLOUDWATCH = 'sns-cloudwatch';
/** SNS messages are at most 256 KB; the envelope adds a little. */
export const SNS_MAX_BODY_BYTES = 300 * 1024;
/**
 * A signed SNS message stays valid for ever, so its MessageId is remembered for this long after its
 * Timestamp (SNS's HTTP delivery policy retries for at most an hour) and an older notification (or
 * one stamped more than 5 minutes ahead of our clock) is accepted without effect: a replay.
 */
export const SNS_REPLAY_WINDOW_MS = 60 * 60 * 1000;
const SNS_MAX_SKEW_MS = 5 * 60 * 1000;

/**
 * Notification → one signal from the CloudWatch alarm in `Message` (ALARM triggers, OK resolves,
 * INSUFFICIENT_DATA is accepted and ignored). SubscriptionConfirmation → a follow-up asking the
 * server to visit SubscribeURL (only an https SNS URL, so a forged message cannot make us fetch
 * anything else). Every accepted message carries a `signature` the server checks (with the PEM it
 * fetched from the SigningCertURL, which must be an https SNS URL) before storing or confirming.
 */
export function parseSnsCloudWatch(rawBody: string, ctx: IngestContext): IngestOutcome {
  const body = readJsonBody(rawBody, snsMessageSchema, SNS_MAX_BODY_BYTES);
  if (!body.ok) return body;
  const m = body.value;
  // Checked here, before the server fetches anything: only an https SNS host serving a .pem.
  if (!isTrustedSigningCertUrl(m.SigningCertURL)) {
    return { ok: false, reason: 'invalid', errors: [{ path: 'SigningCertURL', message: `not an https Amazon SNS certificate URL (https://sns.<region>.amazonaws.com/….pem): ${m.SigningCertURL.slice(0, 200)}` }] };
  }
  const signature = { certificateUrl: m.SigningCertURL, verify: (pem: string) => verifySnsSignature(m, pem).ok };
  if (m.Type !== 'Notification') {
    if (m.Type === 'UnsubscribeConfirmation') return { ok: true, signals: [], signature, followUp: { kind: 'subscription-ended', topicArn: m.TopicArn } };
    if (!isAwsSnsUrl(m.SubscribeURL)) return { ok: false, reason: 'invalid', errors: [{ path: 'SubscribeURL', message: `not an https Amazon SNS URL: ${m.SubscribeURL}` }] };
    return { ok: true, signals: [], signature, followUp: { kind: 'confirm-subscription', subscribeUrl: m.SubscribeURL, topicArn: m.TopicArn, token: m.Token } };
  }

  let json: unknown;
  try {
    json = JSON.parse(m.Message);
  } catch {
    return { ok: false, reason: 'invalid', errors: [{ path: 'Message', message: 'Message is not a CloudWatch alarm (not JSON); subscribe this endpoint to alarm topics only' }] };
  }
  const parsed = cloudWatchAlarmSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid', errors: zodIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `Message.${i.path}` : 'Message' })) };
  const a = parsed.data;
  if (a.NewStateValue === 'INSUFFICIENT_DATA') return { ok: true, signals: [], signature };
  const signedAt = parseInstant(m.Timestamp);
  if (signedAt === undefined || ctx.receivedAt - signedAt > SNS_REPLAY_WINDOW_MS || signedAt - ctx.receivedAt > SNS_MAX_SKEW_MS) {
    return { ok: true, signals: [], signature };
  }
  const delivery = { id: m.MessageId, expiresAt: epochMs(signedAt + SNS_REPLAY_WINDOW_MS) };

  const labels: Record<string, string> = { alarmname: a.AlarmName };
  if (a.Region) labels['region'] = a.Region;
  if (a.AWSAccountId) labels['account'] = a.AWSAccountId;
  if (a.Trigger?.Namespace) labels['namespace'] = a.Trigger.Namespace;
  if (a.Trigger?.MetricName) labels['metric'] = a.Trigger.MetricName;
  for (const d of a.Trigger?.Dimensions ?? []) labels[`dimension_${d.name}`] = d.value;
  const changedAt = parseInstant(a.StateChangeTime);
  const isAlarm = a.NewStateValue === 'ALARM';
  const signal: AlertSignal = {
    source: SNS_CLOUDWATCH,
    integrationKey: ctx.integrationKey ?? m.TopicArn,
    dedupKey: a.AlarmArn ?? `${a.AWSAccountId ?? ''}:${a.Region ?? ''}:${a.AlarmName}`,
    fingerprint: labelFingerprint(labels),
    action: isAlarm ? 'trigger' : 'resolve',
    summary: m.Subject ?? `${a.NewStateValue}: "${a.AlarmName}"`,
    alertName: a.AlarmName,
    labels,
    annotations: {
      ...(a.AlarmDescription ? { description: a.AlarmDescription } : {}),
      ...(a.NewStateReason ? { reason: a.NewStateReason } : {}),
    },
    details: { snsMessageId: m.MessageId, topicArn: m.TopicArn, oldState: a.OldStateValue ?? null, newState: a.NewStateValue, ...(a.Trigger ? { trigger: a.Trigger } : {}) },
    ...(isAlarm && changedAt !== undefined ? { startsAt: changedAt } : {}),
    ...(!isAlarm && changedAt !== undefined ? { endsAt: changedAt } : {}),
    links: [],
    receivedAt: ctx.receivedAt,
  };
  return { ok: true, signals: [signal], signature, delivery };
}
