import { alertmanagerApiSource } from './alertmanager-api/index.js';
import { alertmanagerWebhookSource } from './alertmanager-webhook/index.js';
import { datadogSource } from './datadog/index.js';
import { elasticSource } from './elastic/index.js';
import { createGenericWebhookSource } from './generic-webhook/index.js';
import type { FindGenericWebhook } from './generic-webhook/index.js';
import type { IngestSource } from './ingest-source.js';
import { newRelicSource } from './newrelic/index.js';
import { opsgenieSource } from './opsgenie/index.js';
import { pagerDutyChangeSource } from './pagerduty-change/index.js';
import { pagerDutyEventsSource } from './pagerduty-events/index.js';
import { snsCloudWatchSource } from './sns-cloudwatch/index.js';
import { splunkSource } from './splunk/index.js';

export interface IngestRegistry {
  readonly sources: readonly IngestSource[];
  findSource(name: string): IngestSource | undefined;
}

/** Every ingest source, in the order their routes should be registered. Route paths are unique. */
export function createIngestRegistry(options: { readonly findGenericWebhook: FindGenericWebhook }): IngestRegistry {
  const sources: readonly IngestSource[] = [
    alertmanagerWebhookSource,
    alertmanagerApiSource,
    pagerDutyEventsSource,
    pagerDutyChangeSource,
    opsgenieSource,
    snsCloudWatchSource,
    datadogSource,
    newRelicSource,
    splunkSource,
    elasticSource,
    createGenericWebhookSource(options.findGenericWebhook),
  ];
  const byName = new Map(sources.map((s) => [s.name, s]));
  return { sources, findSource: (name) => byName.get(name) };
}
