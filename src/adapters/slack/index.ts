// The `/incident-response` Slack slash command: request signature, form and text parsing, and
// Block Kit answers, tied to IncidentApi by handleSlashCommand. No HTTP here; the server wires it.
export { verifySlackSignature, SLACK_MAX_SKEW_SECONDS } from './verify-slack-signature.js';
export type { SlackSignatureResult, SlackSignedRequest } from './verify-slack-signature.js';
export { readSlashCommandForm } from './read-slash-command-form.js';
export type { SlashCommandForm } from './read-slash-command-form.js';
export { parseSlashCommand } from './parse-slash-command.js';
export type { SlashCommand, SlashCommandKind } from './parse-slash-command.js';
export { renderDeclaration } from './render-declaration.js';
export { renderIncidentStatus } from './render-incident-status.js';
export { renderCommandOutcome } from './render-command-outcome.js';
export type { WorkVerb } from './render-command-outcome.js';
export { renderSlackError } from './render-slack-error.js';
export { renderSlackHelp } from './render-slack-help.js';
export { escapeSlack, limitText, slackDate, SLACK_LIMITS } from './slack-blocks.js';
export type { Block, SlackResponse } from './slack-blocks.js';
export { handleSlashCommand } from './handle-slash-command.js';
export type { SlashCommandDeps } from './handle-slash-command.js';
export { SlackUserDirectory } from './slack-user-directory.js';
export type { SlackUserDirectoryOptions } from './slack-user-directory.js';
export { lookUpSlackEmail, SLACK_LOOKUP_TIMEOUT_MS } from './slack-users-info.js';
export type { SlackEmailLookup, SlackUsersInfoOptions } from './slack-users-info.js';
