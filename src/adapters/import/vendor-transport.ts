import { AppError } from '../../domain/errors/index.js';

/** One request of a reader: a path under the API URL, its query, and which page of the list it is (1 = first). */
export interface VendorRequest {
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | readonly string[]>>;
  readonly page: number;
  /** A next-page link the source tool gave; only its path and query are used (see HttpTransport). */
  readonly nextUrl?: string;
}

/**
 * Where a reader's answers come from: the live API, or a directory of saved responses. `get`
 * resolves to the parsed JSON body, or undefined when the object does not exist (404, or no such
 * saved file for an optional object).
 */
export interface VendorTransport {
  get(request: VendorRequest, options?: { readonly optional?: boolean }): Promise<unknown>;
}

/** "GET /schedules/P1/overrides": how errors and progress name a request (never with its query). */
export function describeRequest(request: VendorRequest): string {
  return `GET ${request.path}${request.page > 1 ? ` (page ${request.page})` : ''}`;
}

/** Each path segment percent-encoded, so an id read from the source can never change the path. */
export function pathOf(...segments: readonly string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

export function unexpectedShape(vendor: string, request: VendorRequest, what: string): AppError {
  return new AppError('UPSTREAM_FAILED', `${vendor} answered ${describeRequest(request)} with an unexpected shape: ${what}. Check that --api-url points at the ${vendor} API, or that the saved response is the API's own JSON.`);
}
