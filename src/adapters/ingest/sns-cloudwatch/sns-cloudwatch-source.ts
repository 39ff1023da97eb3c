import { jsonAnswer, textAnswer } from '../http-answer.js';
import type { IngestSource } from '../ingest-source.js';
import { SNS_CLOUDWATCH, SNS_MAX_BODY_BYTES, parseSnsCloudWatch } from './sns-cloudwatch-parser.js';

/**
 * SNS counts any 2xx as delivered and retries 5xx under the topic's delivery policy (4xx other
 * than 429 are not retried), so overload answers 503.
 */
export const snsCloudWatchSource: IngestSource = {
  name: SNS_CLOUDWATCH,
  title: 'Amazon CloudWatch alarms via an Amazon SNS HTTPS subscription',
  routes: [{ method: 'POST', path: '/integrations/sns' }, { method: 'POST', path: '/integrations/sns/:key' }],
  contentTypes: ['text/plain', 'application/json'],
  maxBodyBytes: SNS_MAX_BODY_BYTES,
  parse: parseSnsCloudWatch,
  accepted: () => textAnswer(200),
  rejected: (r) => jsonAnswer(r.reason === 'too-large' ? 413 : r.reason === 'unauthenticated' ? 401 : 400, { status: 'error', errors: r.errors }),
  overloaded: () => textAnswer(503, 'overloaded, retry later'),
};
