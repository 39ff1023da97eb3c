import type { WebhookIntegrationConfig } from '../app/config/index.js';
import type { FindGenericWebhook, GenericWebhookConfig } from '../adapters/ingest/index.js';

/** A key that never verifies: a configured secret whose variable is unset refuses every delivery (fail closed). */
const UNSET_SECRET = 'whsec_';

/** `integrations.webhooks` → the generic webhook source's lookup by integration name; secrets read from `env`. */
export function genericWebhookFinder(
  webhooks: readonly WebhookIntegrationConfig[],
  env: Readonly<Record<string, string | undefined>>,
): FindGenericWebhook {
  const byName = new Map<string, GenericWebhookConfig>();
  for (const w of webhooks) {
    const m = w.mapping;
    const secret = w.signingSecretEnv === undefined ? undefined : env[w.signingSecretEnv]?.trim() || UNSET_SECRET;
    byName.set(w.name, {
      key: w.name,
      ...(m.itemsPath !== undefined ? { itemsPath: m.itemsPath } : {}),
      mapping: {
        dedupKey: m.dedupKey,
        summary: m.summary,
        ...(m.action !== undefined ? { action: m.action.path, actionValues: m.action.values } : {}),
        ...(m.severity !== undefined ? { severity: m.severity.path, severityValues: m.severity.map } : {}),
        ...(m.service !== undefined ? { service: m.service } : {}),
        ...(m.environment !== undefined ? { environment: m.environment } : {}),
        ...(m.description !== undefined ? { description: m.description } : {}),
        ...(m.startsAt !== undefined ? { startsAt: m.startsAt } : {}),
        ...(m.link !== undefined ? { link: m.link } : {}),
        labels: m.labels,
      },
      signingSecrets: secret === undefined ? [] : [secret],
      toleranceSeconds: w.toleranceSeconds,
    });
  }
  return (name) => byName.get(name);
}
