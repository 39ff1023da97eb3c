// The `incident-response` command line: parsing, rendering, exit codes. Talks to an IncidentApi.
export { runCli } from './cli-program.js';
export type { CliBackend, CliClient, CliIo, GlobalOptions, StatusPageCommands, TokenAdmin } from './cli-program.js';
export { EXIT_CODE, EXIT_AUDIT_BROKEN } from './exit-codes.js';
export type { ReportDesk } from './report-commands.js';
export type { FollowUpDesk } from './follow-up-commands.js';
export type { AuditDesk, AuditLogEntry } from './audit-commands.js';
export type { BackupDesk, BackupOutcome, RestoreOutcome } from './backup-commands.js';
export type { ComplianceDesk } from './compliance-commands.js';
export type { ImportOutcome, ImportRequest } from './import-commands.js';
