import type { AddressAllowList, HealthCheckConfig } from '../../app/config/index.js';
import type { MetricRead, MetricSource } from '../../app/ports/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { probeUrl, type ProbeResult } from './probe-url.js';

interface Probe {
  readonly at: EpochMs;
  readonly result: ProbeResult;
}

/**
 * Built-in HTTP health checks. Each read probes the checks whose interval has passed (so probing
 * follows the engine's clock, and tests need no timers), then publishes per check its availability
 * — the percentage of good probes within the window — and the last probe's response time in ms.
 */
export class HealthCheckSource implements MetricSource {
  readonly name = 'health_checks';
  readonly metrics: readonly string[];
  private readonly guard: AddressGuard;
  private readonly probes = new Map<string, Probe[]>();

  constructor(private readonly checks: readonly HealthCheckConfig[], allow: AddressAllowList) {
    this.guard = new AddressGuard(allow);
    this.metrics = checks.flatMap((c) => [c.availabilityMetric, c.responseTimeMetric]);
  }

  async read(now: EpochMs): Promise<MetricRead> {
    await Promise.all(this.checks.map((c) => this.probeIfDue(c, now)));
    const samples: Record<string, number> = {};
    const problems: { metric: string; message: string }[] = [];
    for (const c of this.checks) {
      const inWindow = (this.probes.get(c.name) ?? []).filter((p) => p.at > now - c.windowMs && p.at <= now);
      const last = inWindow[inWindow.length - 1];
      if (last === undefined) continue;
      samples[c.availabilityMetric] = (100 * inWindow.filter((p) => p.result.ok).length) / inWindow.length;
      samples[c.responseTimeMetric] = last.result.ms;
      if (!last.result.ok) problems.push({ metric: c.availabilityMetric, message: `${c.name} (${c.url}) is down: ${last.result.reason}` });
    }
    return { samples, problems };
  }

  private async probeIfDue(c: HealthCheckConfig, now: EpochMs): Promise<void> {
    const history = this.probes.get(c.name) ?? [];
    const last = history[history.length - 1];
    if (last !== undefined && now - last.at < c.intervalMs) return;
    const result = await probeUrl(c.url, c.timeoutMs, c.expectStatus, this.guard);
    this.probes.set(c.name, [...history.filter((p) => p.at > now - c.windowMs), { at: now, result }]);
  }
}
