// Audit signing: Ed25519 keys (generate, load from a file or variable, verify) and the exported checkpoints file.
export { generateSigningKeyPair, loadSigner, checkEd25519Signature, keyIdOf } from './ed25519-signer.js';
export type { SigningKeySource } from './ed25519-signer.js';
export { renderCheckpointsFile, parseCheckpointsFile } from './checkpoints-file.js';
