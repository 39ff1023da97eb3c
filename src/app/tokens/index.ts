// API tokens: create (limited to scopes), list and revoke them, authenticate a bearer token to a Principal, and the session tokens of people signed in through a provider.
export { TokenService, TOKEN_PREFIX } from './token-service.js';
export type { CreateTokenInput, CreatedToken, Identified, SessionStart } from './token-service.js';
export { parseTokenScopes, requireScope, requiredScope } from './token-scopes.js';
export { toApiTokenDto } from './token-dto.js';
export type { ApiTokenDto } from './token-dto.js';
