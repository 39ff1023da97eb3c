import type { ErrorCode } from '../../domain/errors/index.js';

/** One exit code per error code, so scripts can tell "not found" from "not allowed now". */
export const EXIT_CODE: Record<ErrorCode, number> = {
  VALIDATION: 2,
  NOT_FOUND: 3,
  INVALID_TRANSITION: 4,
  CONFLICT: 5,
  CONFIG_INVALID: 6,
  STORE_UNAVAILABLE: 7,
  STORE_BUSY: 14,
  STORE_CORRUPT: 15,
  UNAUTHENTICATED: 8,
  FORBIDDEN: 9,
  PAYLOAD_TOO_LARGE: 2,
  RATE_LIMITED: 10,
  UPSTREAM_FAILED: 12,
  INTERNAL: 1,
};

/** `audit verify` found the chain broken. */
export const EXIT_AUDIT_BROKEN = 11;

/** `compliance soc2` found incidents missing required documentation. */
export const EXIT_SOC2_INCOMPLETE = 13;
