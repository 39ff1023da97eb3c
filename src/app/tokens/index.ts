// API tokens: create, list and revoke them, and authenticate a bearer token to a Principal.
export { TokenService, TOKEN_PREFIX } from './token-service.js';
export type { CreateTokenInput, CreatedToken } from './token-service.js';
export { toApiTokenDto } from './token-dto.js';
export type { ApiTokenDto } from './token-dto.js';
