/** Business impact figures (`impact:`): what an incident costs per minute and how many customers there are. */
export interface ImpactConfig {
  /** ISO 4217 code amounts are in. */
  readonly currency: string;
  readonly customersTotal?: number;
  /** Revenue at risk per minute of impact, for any service without its own figure. */
  readonly revenuePerMinute?: number;
  /** Per service: its own revenue per minute and customer count. */
  readonly services: Readonly<Record<string, { readonly revenuePerMinute?: number; readonly customersTotal?: number }>>;
  /** A metric (detection) whose live reading is the number of customers affected; `impact ID --from-metrics` records it. */
  readonly customersAffectedMetric?: string;
  /** Resolution messages to customers carry a one-question satisfaction survey link. */
  readonly survey: boolean;
}

/** What configuration supplies for an incident of `service` where its assessment is silent. */
export function impactDefaultsFor(config: ImpactConfig | undefined, service: string | undefined): { currency: string; customersTotal?: number; revenuePerMinute?: number } {
  if (config === undefined) return { currency: 'USD' };
  const own = service === undefined ? undefined : config.services[service];
  const revenuePerMinute = own?.revenuePerMinute ?? config.revenuePerMinute;
  const customersTotal = own?.customersTotal ?? config.customersTotal;
  return { currency: config.currency, ...(revenuePerMinute === undefined ? {} : { revenuePerMinute }), ...(customersTotal === undefined ? {} : { customersTotal }) };
}
