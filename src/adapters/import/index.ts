// Readers of PagerDuty's, Opsgenie's and Grafana OnCall's REST APIs (live through the SSRF guard,
// or from a directory of saved responses) and the YAML the imported configuration is written as.
import type { ImportVendor } from '../../app/import/index.js';
import { readGrafanaOnCall, grafanaOnCallHeaders } from './grafana-oncall/grafana-oncall-reader.js';
import { OPSGENIE_API_URL, opsgenieHeaders, readOpsgenie } from './opsgenie/opsgenie-reader.js';
import { PAGERDUTY_API_URL, pagerDutyHeaders, readPagerDuty } from './pagerduty/pagerduty-reader.js';
import type { ImportProgress } from './read-pages.js';
import type { VendorTransport } from './vendor-transport.js';

export { HttpTransport, parseRetryAfter, rateLimitWaitMs } from './http-transport.js';
export type { HttpTransportOptions } from './http-transport.js';
export { SavedResponses, savedResponseFile } from './saved-responses.js';
export { guardForApiUrl } from './api-guard.js';
export { renderImportedConfig } from './render-imported-config.js';
export type { ImportProgress } from './read-pages.js';
export type { VendorRequest, VendorTransport } from './vendor-transport.js';

/** Per source tool: its default API URL (none for self-hosted Grafana OnCall), the key's variable, and its auth headers. */
export const VENDOR_API: Record<ImportVendor, { readonly defaultUrl?: string; readonly keyVariable: string; headers(key: string): Record<string, string> }> = {
  pagerduty: { defaultUrl: PAGERDUTY_API_URL, keyVariable: 'PAGERDUTY_API_KEY', headers: pagerDutyHeaders },
  opsgenie: { defaultUrl: OPSGENIE_API_URL, keyVariable: 'OPSGENIE_API_KEY', headers: opsgenieHeaders },
  'grafana-oncall': { keyVariable: 'GRAFANA_ONCALL_API_KEY', headers: grafanaOnCallHeaders },
};

/** Reads one source tool's objects through `transport`; the snapshot `mapPagerDuty` & co. take. */
export async function readVendor(vendor: ImportVendor, transport: VendorTransport, now: number, progress: ImportProgress) {
  switch (vendor) {
    case 'pagerduty': return { vendor, snapshot: await readPagerDuty(transport, now, progress) } as const;
    case 'opsgenie': return { vendor, snapshot: await readOpsgenie(transport, progress) } as const;
    case 'grafana-oncall': return { vendor, snapshot: await readGrafanaOnCall(transport, progress) } as const;
  }
}
