/** Signs audit checkpoints with the organisation's private key (which never leaves the signer). */
export interface AuditSigner {
  /** Short fingerprint of the public key: the first 16 hex digits of SHA-256 over its DER. */
  readonly keyId: string;
  /** SPKI PEM of the public key, published with exported checkpoints. */
  readonly publicKeyPem: string;
  /** Base64 signature of `payload`. */
  sign(payload: string): string;
}

/** Checks a base64 signature of `payload` against an SPKI PEM public key; false for any malformed input. */
export type SignatureCheck = (publicKeyPem: string, payload: string, signature: string) => boolean;
