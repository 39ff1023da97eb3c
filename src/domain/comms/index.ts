// Stakeholder communication: who hears about an incident of each severity and through which
// channel (the product's matrix, overridable), and reminders before a status update is late.
export {
  STAKEHOLDER_GROUPS, COMMS_CHANNELS, COMMS_CHANNEL_LABEL, DEFAULT_COMMUNICATION_MATRIX, overrideCommunicationMatrix, renderCommunicationMatrix,
} from './communication-matrix.js';
export type { CommsChannel, CommunicationMatrix, StakeholderGroup, StakeholderRow, StakeholderRowOverride } from './communication-matrix.js';
export { stakeholdersFor } from './stakeholders-for.js';
export type { Stakeholder } from './stakeholders-for.js';
export { UPDATE_REMINDER_KINDS, planUpdateReminders } from './plan-update-reminders.js';
export type { UpdateReminderDecision, UpdateReminderKind } from './plan-update-reminders.js';
