import type { AlertNote, AlertSignal, ChangeEvent } from '../../domain/alerts/index.js';
import type { Issue } from '../../domain/errors/index.js';
import type { EpochMs } from '../../domain/time/index.js';

/** Where a source listens. `:name` segments arrive in `IngestContext.params`. */
export interface IngestRoute {
  readonly method: 'POST';
  readonly path: string;
}

/** Everything about the request except the body, plus the injected clock reading and id generator. */
export interface IngestContext {
  readonly receivedAt: EpochMs;
  /** Node's lower-cased header record. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The integration the HTTP layer resolved for this request (URL key, token), if any. */
  readonly integrationKey?: string;
  /** The name of the live integration the URL key authenticated to, when the request carried one in the URL. */
  readonly integrationName?: string;
  /** A fresh unique id (dedup keys PagerDuty would generate, Opsgenie request ids). */
  readonly newId: () => string;
}

/** Work the server must do besides storing signals; the parser never does I/O itself. */
export type IngestFollowUp =
  | { readonly kind: 'confirm-subscription'; readonly subscribeUrl: string; readonly topicArn: string; readonly token: string }
  | { readonly kind: 'subscription-ended'; readonly topicArn: string };

/**
 * A signature the server must check before acting on the request: it fetches the signing
 * certificate at `certificateUrl` (the parser already refused URLs outside the sender's trusted
 * hosts) and calls `verify` with the PEM. Pure: `verify` does no I/O.
 */
export interface IngestSignature {
  readonly certificateUrl: string;
  verify(certificatePem: string): boolean;
}

export interface IngestAccepted {
  readonly ok: true;
  readonly signals: readonly AlertSignal[];
  readonly notes?: readonly AlertNote[];
  readonly changes?: readonly ChangeEvent[];
  readonly followUp?: IngestFollowUp;
  /** Present when the request is valid only with a good signature (SNS): nothing is stored or followed up before it holds. */
  readonly signature?: IngestSignature;
  /**
   * The id of a signed delivery (a Standard Webhooks webhook-id, an SNS MessageId) and when its
   * signature's replay window closes: the server acts on the id once per integration until then,
   * and answers a repeat as accepted without effect.
   */
  readonly delivery?: { readonly id: string; readonly expiresAt: EpochMs };
  /** Values the client expects echoed in its answer (PagerDuty's dedup_key, v1 incident_key). */
  readonly echo?: Readonly<Record<string, string>>;
}

export const INGEST_REJECTIONS = ['invalid', 'unauthenticated', 'too-large'] as const;
export type IngestRejection = (typeof INGEST_REJECTIONS)[number];

export interface IngestRejected {
  readonly ok: false;
  readonly reason: IngestRejection;
  readonly errors: readonly Issue[];
}

export type IngestOutcome = IngestAccepted | IngestRejected;

/** A complete HTTP answer; `body` is already serialised for `headers['content-type']`. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One ingest source: a pure parser from its documented payload to AlertSignals, and the answers its
 * clients expect. Shared code only ever calls these members; it never looks at `name` to decide.
 */
export interface IngestSource {
  readonly name: string;
  /** The sending product, for docs and logs: "Prometheus Alertmanager (webhook_config)". */
  readonly title: string;
  readonly routes: readonly IngestRoute[];
  /** Media types the sender uses; SNS posts JSON as text/plain. */
  readonly contentTypes: readonly string[];
  readonly maxBodyBytes: number;
  parse(rawBody: string, ctx: IngestContext): IngestOutcome;
  accepted(outcome: IngestAccepted, ctx: IngestContext): HttpAnswer;
  rejected(outcome: IngestRejected, ctx: IngestContext): HttpAnswer;
  /** What to answer when we cannot take the request now, so the client retries later. */
  overloaded(retryAfterSeconds: number, ctx: IngestContext): HttpAnswer;
}
