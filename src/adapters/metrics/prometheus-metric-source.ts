import type { PrometheusConfig } from '../../app/config/index.js';
import type { MetricRead, MetricSource } from '../../app/ports/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { queryPrometheus } from './prometheus-query.js';

/**
 * The metrics under detection.metrics, each an instant PromQL query at the evaluation time, through
 * `guard` (built by the composition root: it trusts the configured Prometheus origin).
 */
export class PrometheusMetricSource implements MetricSource {
  readonly name = 'prometheus';
  readonly metrics: readonly string[];

  constructor(private readonly config: PrometheusConfig, private readonly guard: AddressGuard) {
    this.metrics = config.metrics.map((m) => m.metric);
  }

  async read(now: EpochMs): Promise<MetricRead> {
    const results = await Promise.all(this.config.metrics.map(async (m) => ({ metric: m.metric, result: await queryPrometheus(this.config.url, m.query, now, this.config.timeoutMs, this.guard) })));
    const samples: Record<string, number> = {};
    const problems: { metric: string; message: string }[] = [];
    for (const { metric, result } of results) {
      if (!result.ok) problems.push({ metric, message: result.message });
      else if (result.value === undefined) problems.push({ metric, message: 'the query returned no data' });
      else samples[metric] = result.value;
    }
    return { samples, problems };
  }
}
