import { z } from 'zod';
import type { ImpactConfig } from '../../app/config/index.js';
import { expectedError } from './config-error-map.js';

const amount = (what: string) => z.number({ error: expectedError(`an amount such as 850 (${what})`) }).min(0, 'must not be negative').max(1e12, 'too large');
const customers = z.int({ error: expectedError('a whole number of customers such as 50000') }).min(0, 'must not be negative').max(1e12, 'too large');

export function impactSchema() {
  return z
    .strictObject({
      currency: z.string({ error: expectedError('an ISO 4217 code such as USD') }).regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD, EUR or GBP').optional()
        .meta({ description: 'The currency revenue figures are in. Default: USD.' }),
      customers_total: customers.optional().meta({ description: 'How many customers there are, for the share affected.' }),
      revenue_per_minute: amount('revenue at risk per minute of impact').optional()
        .meta({ description: 'Revenue at risk per minute of impact, for services without their own figure; an incident\'s cost is this times its minutes of impact unless the assessment gives another.' }),
      services: z.record(z.string(), z.strictObject({
        revenue_per_minute: amount('revenue at risk per minute').optional(),
        customers_total: customers.optional(),
      })).optional().meta({ description: 'Per service id: its own revenue per minute and customer count.' }),
      customers_affected_metric: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a metric name such as customers_affected').optional()
        .meta({ description: 'A detection metric whose live reading is the number of customers affected ("incident-response impact ID --from-metrics").' }),
      survey: z.boolean().optional().meta({ description: 'Resolution messages to customers carry a one-question satisfaction survey link (1–5). Needs status_page.url. Default: false.' }),
    })
    .meta({ description: 'Business impact: revenue at risk and customers, shown in the incident, its RCA and the monthly report.' })
    .transform((i): ImpactConfig => ({
      currency: i.currency ?? 'USD',
      ...(i.customers_total === undefined ? {} : { customersTotal: i.customers_total }),
      ...(i.revenue_per_minute === undefined ? {} : { revenuePerMinute: i.revenue_per_minute }),
      services: Object.fromEntries(Object.entries(i.services ?? {}).map(([id, s]) => [id, {
        ...(s.revenue_per_minute === undefined ? {} : { revenuePerMinute: s.revenue_per_minute }),
        ...(s.customers_total === undefined ? {} : { customersTotal: s.customers_total }),
      }])),
      ...(i.customers_affected_metric === undefined ? {} : { customersAffectedMetric: i.customers_affected_metric }),
      survey: i.survey ?? false,
    }));
}
