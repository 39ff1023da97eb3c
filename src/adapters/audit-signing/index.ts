// Audit signing: Ed25519 keys (generate, create on first start, load from a file or variable, verify), the exported checkpoints file and the last checkpoint kept beside the key.
export { generateSigningKeyPair, ensureSigningKeyFile, loadSigner, checkEd25519Signature, keyIdOf, readPublicKeysIn } from './ed25519-signer.js';
export type { SigningKeySource } from './ed25519-signer.js';
export { renderCheckpointsFile, parseCheckpointsFile, readLastCheckpoint, writeLastCheckpoint } from './checkpoints-file.js';
