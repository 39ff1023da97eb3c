/** Randomness and hashing for secrets, from the platform (node:crypto in production). */
export interface SecretSource {
  /** `bytes` cryptographically random bytes as base64url without padding. */
  randomBase64Url(bytes: number): string;
  /** SHA-256 of the UTF-8 text as 64 lowercase hex digits. */
  sha256Hex(text: string): string;
}
