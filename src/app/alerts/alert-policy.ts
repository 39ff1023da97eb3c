import type { AlertPolicy } from '../config/index.js';

export { DEFAULT_ALERT_POLICY } from '../config/index.js';
export type { AlertPolicy } from '../config/index.js';

export function isAutoResolveOn(policy: AlertPolicy, service: string | undefined): boolean {
  return (service === undefined ? undefined : policy.autoResolve.services[service]) ?? policy.autoResolve.default;
}
