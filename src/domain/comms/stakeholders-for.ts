import type { Severity } from '../classification/index.js';
import { STAKEHOLDER_GROUPS, type CommsChannel, type CommunicationMatrix, type StakeholderGroup } from './communication-matrix.js';

export interface Stakeholder {
  readonly group: StakeholderGroup;
  readonly label: string;
  readonly channel: CommsChannel;
}

/** The groups to inform about an incident of `severity`, in the matrix's order. */
export function stakeholdersFor(severity: Severity, matrix: CommunicationMatrix): Stakeholder[] {
  return STAKEHOLDER_GROUPS
    .filter((group) => matrix[group].informedAt[severity])
    .map((group) => ({ group, label: matrix[group].label, channel: matrix[group].channel }));
}
