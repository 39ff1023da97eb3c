// Outbound HTTP every adapter may share: the SSRF guard on the connected address and one guarded
// request with manual, re-checked redirects. The one folder other adapters may import.
export { AddressGuard } from './address-guard.js';
export { guardedRequest } from './guarded-request.js';
export type { GuardedFailure, GuardedReply, GuardedRequest, GuardedRequestOptions } from './guarded-request.js';
