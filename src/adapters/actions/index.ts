// What trigger actions do outside the process: remediation HTTP calls and commands (no shell,
// with timeouts), and evidence bundles gathered from files, commands and Loki.
export { createOutboundRunner } from './outbound-runner.js';
export { EvidenceBundleWriter, EVIDENCE_FORMAT } from './evidence-bundle-writer.js';
export { runCommand } from './run-command.js';
export type { CommandOutput } from './run-command.js';
