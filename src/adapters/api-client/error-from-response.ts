import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../../domain/errors/index.js';

const envelope = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).nullish(),
  }),
});

/** When the answer is not our envelope (a proxy's page, an old server), the status decides the code. */
function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'VALIDATION';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'STORE_UNAVAILABLE';
  return 'INTERNAL';
}

export interface FailedRequest {
  readonly status: number;
  readonly body: string;
  /** "GET /api/v1/incidents" */
  readonly request: string;
  readonly origin: string;
  readonly hasToken: boolean;
  readonly retryAfter: string | null;
}

function parseEnvelope(body: string): z.infer<typeof envelope> | undefined {
  try {
    const parsed = envelope.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server's `{"error":{code,message,details}}` as the AppError the local CLI would have thrown,
 * so remote and local runs print the same thing; adds the hints only the client can give.
 */
export function errorFromResponse(r: FailedRequest): AppError {
  const e = parseEnvelope(r.body)?.error;
  const code = e?.code ?? codeForStatus(r.status);
  const message = e?.message ?? `the server at ${r.origin} answered ${r.status} to ${r.request}`;
  const hint = code === 'UNAUTHENTICATED'
    ? r.hasToken
      ? 'The server rejected the API token in IR_TOKEN. Create a new one with "incident-response token create" and set IR_TOKEN to it.'
      : `Set IR_TOKEN to an API token for ${r.origin} (create one with "incident-response token create").`
    : code === 'RATE_LIMITED' && r.retryAfter !== null
      ? `Retry in ${r.retryAfter} seconds.`
      : e === undefined && r.status === 404
        ? `Is ${r.origin} an incident-response server? Check the server URL.`
        : undefined;
  return new AppError(code, message, { issues: e?.details ?? [], ...(hint === undefined ? {} : { hint }) });
}
