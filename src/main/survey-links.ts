// Signed satisfaction survey links: one per incident and recipient, naming no one (the respondent
// is a keyed hash of the address the link went to).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ResponseConfig } from '../app/config/index.js';
import { ackLinkSecret } from './link-secret.js';

const TAG_CHARS = 22;

export interface SurveyCodec {
  seal(incidentId: string, recipient: string): string;
  open(token: string): { incidentId: string; respondent: string } | undefined;
}

export function hmacSurveyCodec(secret: Buffer): SurveyCodec {
  const key = createHmac('sha256', secret).update('incident-response satisfaction survey').digest();
  const tag = (payload: string) => createHmac('sha256', key).update(`survey\n${payload}`).digest('base64url').slice(0, TAG_CHARS);
  const respondentOf = (recipient: string) => createHmac('sha256', key).update(`respondent\n${recipient.trim().toLowerCase()}`).digest('base64url').slice(0, 16);
  return {
    seal(incidentId, recipient) {
      const payload = Buffer.from(`${incidentId}\n${respondentOf(recipient)}`).toString('base64url');
      return `${payload}.${tag(payload)}`;
    },
    open(token) {
      const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{22})$/.exec(token);
      if (m === null) return undefined;
      const payload = m[1]!;
      if (!timingSafeEqual(Buffer.from(m[2]!), Buffer.from(tag(payload)))) return undefined;
      const [incidentId, respondent, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
      if (rest.length > 0 || !incidentId || !respondent) return undefined;
      return { incidentId, respondent };
    },
  };
}

// One codec per environment: the links a server writes into messages open on its own routes, even
// when the secret is random for the process.
const codecs = new WeakMap<object, SurveyCodec>();
export function codecOf(env: Readonly<Record<string, string | undefined>>): SurveyCodec {
  let codec = codecs.get(env);
  if (codec === undefined) {
    codec = hmacSurveyCodec(ackLinkSecret(env));
    codecs.set(env, codec);
  }
  return codec;
}

/** Survey links for resolution messages, read from the configuration as it is at each message (it may be reloaded). */
export function surveyLinker(config: () => ResponseConfig, env: Readonly<Record<string, string | undefined>>): (incidentId: string, recipient: string) => string | undefined {
  return (incidentId, recipient) => {
    const c = config();
    const base = c.statusPage?.url;
    if (c.impact?.survey !== true || base === undefined) return undefined;
    return `${base}/survey/${codecOf(env).seal(incidentId, recipient)}`;
  };
}
