import { randomUUID } from 'node:crypto';
import type { IntegrationService, SignalBatcher } from '../app/alerts/index.js';
import { STORE_RETRY_AFTER_SECONDS } from '../adapters/http/index.js';
import { isAppError } from '../domain/errors/index.js';
import type { Clock, IntegrationRecord } from '../app/ports/index.js';
import type { RawEndpoint, RawRequest } from '../adapters/http/index.js';
import { replaceNulCharacters } from '../domain/errors/index.js';
import type { IngestAccepted, IngestContext, IngestRegistry, IngestSignature, IngestSource } from '../adapters/ingest/index.js';

export interface IngestWiring {
  readonly registry: IngestRegistry;
  readonly integrations: Pick<IntegrationService, 'authenticate'>;
  readonly batcher: Pick<SignalBatcher, 'submit'>;
  readonly clock: Clock;
  /** Visits an SNS SubscribeURL (already checked to be an https Amazon SNS URL by the parser). */
  readonly confirmSubscription?: (url: string) => Promise<void>;
  /**
   * Fetches (and caches) the certificate a request's signature is checked against (SNS
   * SigningCertURL, already checked to be an https SNS URL by the parser). Without it, every
   * signed request is refused.
   */
  readonly fetchSigningCertificate?: (url: string) => Promise<string>;
}

/** Asked of the sender when we could not fetch a signing certificate now (SNS retries 5xx). */
const CERTIFICATE_RETRY_SECONDS = 30;

/** A key found valid stays trusted this long without a lookup; a revocation takes at most this long to bite. */
const KEY_CACHE_MS = 5_000;
const KEY_CACHE_MAX = 1_000;

/**
 * One raw endpoint per route of every ingest source. The flow is the same for all and never looks
 * at a source's name: parse → authenticate the integration key the request carried (URL `:key`,
 * `Authorization: Bearer`, or what the parser read: routing_key, GenieKey) → group commit → the
 * source's own accepted / rejected / overloaded answer. 2xx only after the commit.
 */
export function ingestEndpoints(w: IngestWiring): RawEndpoint[] {
  const cache = new Map<string, { record: IntegrationRecord; until: number }>();
  async function authenticate(source: string, key: string): Promise<IntegrationRecord | undefined> {
    const cacheKey = `${source}\u0000${key}`;
    const now = w.clock.now();
    const hit = cache.get(cacheKey);
    if (hit !== undefined && hit.until > now) return hit.record;
    const record = await w.integrations.authenticate(source, key);
    if (record === undefined) {
      cache.delete(cacheKey);
      return undefined;
    }
    if (cache.size >= KEY_CACHE_MAX) cache.clear();
    cache.set(cacheKey, { record, until: now + KEY_CACHE_MS });
    return record;
  }

  return w.registry.sources.flatMap((source) => source.routes.map((route): RawEndpoint => ({
    path: route.path,
    // Twice the source's own limit: up to there the source refuses in its own words (PagerDuty's 413 body).
    bodyLimitBytes: source.maxBodyBytes * 2,
    handle: async (request) => {
      try {
        return await handleIngest(source, request, w, authenticate);
      } catch (error) {
        // The store unreachable, locked or damaged: the sender keeps the alert and retries, as it
        // does when we are overloaded, instead of being told about a bug.
        const retryAfterSeconds = storeRetryAfterSeconds(error);
        if (retryAfterSeconds === undefined) throw error;
        request.log.error({ err: error, source: source.name }, 'ingest not stored: the store failed; asked the sender to retry');
        return source.overloaded(retryAfterSeconds, { receivedAt: w.clock.now(), headers: request.headers, params: request.params, query: request.query, newId: randomUUID });
      }
    },
  })));
}

/** Seconds a sender should wait when `error` is a store failure; undefined for anything else. */
function storeRetryAfterSeconds(error: unknown): number | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'STORE_UNAVAILABLE' || error.code === 'STORE_BUSY') return STORE_RETRY_AFTER_SECONDS[error.code];
  // Damaged: no sooner answer will do; ask for a minute so the sender keeps it queued meanwhile.
  return error.code === 'STORE_CORRUPT' ? 60 : undefined;
}

async function handleIngest(
  source: IngestSource,
  request: RawRequest,
  w: IngestWiring,
  authenticate: (source: string, key: string) => Promise<IntegrationRecord | undefined>,
) {
  const urlKey = request.params['key'] ?? bearerToken(request.headers['authorization']);
  // Known before parsing so a source whose parsing depends on the integration (a generic webhook's mapping) finds it.
  const urlIntegration = urlKey === undefined ? undefined : await authenticate(source.name, urlKey);
  const ctx: IngestContext = {
    receivedAt: w.clock.now(),
    headers: request.headers,
    params: request.params,
    query: request.query,
    ...(urlKey !== undefined ? { integrationKey: urlKey } : {}),
    ...(urlIntegration !== undefined ? { integrationName: urlIntegration.name } : {}),
    newId: randomUUID,
  };
  const parsed = source.parse(request.rawBody, ctx);
  if (!parsed.ok) return source.rejected(parsed, ctx);
  const outcome = withoutNulCharacters(parsed);

  const keys = new Set(carriedKeys(outcome));
  if (urlKey !== undefined) keys.add(urlKey);
  const key = keys.size === 1 ? [...keys][0]! : undefined;
  const integration = key === undefined ? undefined : await authenticate(source.name, key);
  if (integration === undefined) {
    const message = keys.size > 1 ? 'one request must carry one integration key' : `a valid ${source.name} integration key is required; an admin creates one with "incident-response integration create --source ${source.name} --name NAME"`;
    request.log.info({ source: source.name }, 'ingest refused: unknown, revoked or missing integration key');
    return source.rejected({ ok: false, reason: 'unauthenticated', errors: [{ path: 'key', message }] }, ctx);
  }

  if (outcome.signature !== undefined) {
    const refusal = await checkSignature(outcome.signature, w, request);
    if (refusal === 'unavailable') return source.overloaded(CERTIFICATE_RETRY_SECONDS, ctx);
    if (refusal !== undefined) {
      request.log.warn({ source: source.name }, 'ingest refused: bad signature');
      return source.rejected({ ok: false, reason: 'unauthenticated', errors: [{ path: 'Signature', message: refusal }] }, ctx);
    }
  }

  if (outcome.followUp?.kind === 'confirm-subscription' && w.confirmSubscription !== undefined) {
    const url = outcome.followUp.subscribeUrl;
    void w.confirmSubscription(url).catch((error: unknown) => request.log.warn({ err: error }, 'SNS subscription confirmation failed'));
  }
  const hasWork = outcome.signals.length + (outcome.notes?.length ?? 0) + (outcome.changes?.length ?? 0) > 0;
  if (hasWork) {
    const submitted = await w.batcher.submit({
      integration, signals: outcome.signals,
      ...(outcome.delivery !== undefined ? { delivery: { scope: `${source.name}:${integration.id}`, ...outcome.delivery } } : {}),
      ...(outcome.notes !== undefined ? { notes: outcome.notes } : {}),
      ...(outcome.changes !== undefined ? { changes: outcome.changes } : {}),
    });
    if (submitted.kind === 'overloaded') {
      request.log.warn({ source: source.name }, 'ingest overloaded: asked the sender to retry');
      return source.overloaded(submitted.retryAfterSeconds, ctx);
    }
  }
  return source.accepted(outcome, ctx);
}

/** Undefined when the signature holds; 'unavailable' when the certificate could not be fetched now; else why it failed. */
async function checkSignature(signature: IngestSignature, w: IngestWiring, request: RawRequest): Promise<string | 'unavailable' | undefined> {
  if (w.fetchSigningCertificate === undefined) return 'this server cannot verify message signatures (no certificate fetcher configured)';
  let pem: string;
  try {
    pem = await w.fetchSigningCertificate(signature.certificateUrl);
  } catch (error) {
    request.log.warn({ err: error, url: signature.certificateUrl }, 'could not fetch the signing certificate');
    return 'unavailable';
  }
  return signature.verify(pem) ? undefined : 'the message signature does not verify against its signing certificate';
}

/**
 * A machine payload may carry NUL characters, which PostgreSQL text cannot hold: they become U+FFFD
 * (on every store alike), so the delivery is taken rather than refused and retried forever. The
 * signature was over the bytes as sent, and is checked on those.
 */
function withoutNulCharacters(outcome: IngestAccepted): IngestAccepted {
  return {
    ...outcome,
    signals: replaceNulCharacters(outcome.signals),
    ...(outcome.notes !== undefined ? { notes: replaceNulCharacters(outcome.notes) } : {}),
    ...(outcome.changes !== undefined ? { changes: replaceNulCharacters(outcome.changes) } : {}),
  };
}

function carriedKeys(outcome: IngestAccepted): string[] {
  const keys: string[] = [];
  for (const item of [...outcome.signals, ...(outcome.notes ?? []), ...(outcome.changes ?? [])]) {
    if (item.integrationKey !== undefined) keys.push(item.integrationKey);
  }
  return keys;
}

function bearerToken(header: string | readonly string[] | undefined): string | undefined {
  const value = typeof header === 'string' ? header : undefined;
  return value === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(value)?.[1];
}
