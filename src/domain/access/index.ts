// Who may do what: access roles, permissions, and per-type visibility (security incidents are the security team's).
export {
  ACCESS_ROLES, PERMISSIONS, PERMISSION_ROLE, RESTRICTED_TYPES, parseAccessRole, hasPermission, requirePermission,
  canSeeIncidentType, hiddenIncidentTypes, isRestrictedIncidentType,
} from './access-policy.js';
export type { AccessRole, Permission, Principal } from './access-policy.js';
