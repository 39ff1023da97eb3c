import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { checkRuleActions, RemediationRuns, RequestedActions, RuleActions } from '../app/actions/index.js';
import { PushedMetrics, type DetectionEndpoints } from '../app/detection/index.js';
import type { MetricSource } from '../app/ports/index.js';
import { createOutboundRunner, EvidenceBundleWriter } from '../adapters/actions/index.js';
import { HealthCheckSource, PrometheusMetricSource } from '../adapters/metrics/index.js';
import { AddressGuard } from '../adapters/outbound-net/index.js';
import { loadTriggerRulesFile } from '../adapters/rules/index.js';
import { AppError } from '../domain/errors/index.js';
import { DetectionEngine, type EngineLog } from '../engine/detection/index.js';
import type { App } from './create-app.js';

/** Live detection for `serve`: the engine, and what the HTTP API offers of it. */
export interface Detection {
  readonly engine: DetectionEngine;
  readonly endpoints: DetectionEndpoints;
  readonly rulesPath: string;
}

/**
 * Builds detection from `detection:` in the config (undefined when there is none). Paths in the
 * section (rules_file, evidence_dir) are relative to `baseDir`, the config file's directory.
 * Throws CONFIG_INVALID for a rules file that cannot run live.
 */
export function createDetection(app: App, options: { readonly baseDir: string; readonly log?: EngineLog; readonly holder?: string }): Detection | undefined {
  const config = app.config.detection;
  if (config === undefined) return undefined;
  const at = (p: string) => (isAbsolute(p) ? p : resolve(options.baseDir, p));
  const rulesPath = at(config.rulesFile);
  const ruleSet = loadTriggerRulesFile(rulesPath);
  const problems = checkRuleActions(ruleSet);
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `rules file ${rulesPath} cannot run live (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      hint: 'The actions are described in docs/triggers.md ("How rules run live").',
    });
  }
  // The SSRF guard of every request detection makes: the URLs written in this section are trusted by
  // origin (the operator chose them; internal addresses are normal there), anything a redirect leads
  // to is checked against detection.allow_private_addresses.
  const guardTrusting = (urls: readonly string[]) => new AddressGuard(config.allowPrivateAddresses, 'detection.allow_private_addresses', urls);
  const configured: MetricSource[] = [];
  if (config.prometheus !== undefined && config.prometheus.metrics.length > 0) configured.push(new PrometheusMetricSource(config.prometheus, guardTrusting([config.prometheus.url])));
  if (config.healthChecks.length > 0) configured.push(new HealthCheckSource(config.healthChecks, config.allowPrivateAddresses));
  const reserved = new Map(configured.flatMap((s) => s.metrics.map((m) => [m, s.name] as const)));
  // Pushed samples are kept in the store too: a push may reach any instance, the lease holder evaluates.
  const pushed = new PushedMetrics(config.pushMaxAgeMs, reserved, app.store);
  const remediationUrls = Object.values(config.remediation).flatMap((r) => (r.call.kind === 'http' ? [r.call.url] : []));
  const remediation = new RemediationRuns(app.incidents, app.store, createOutboundRunner(app.env, guardTrusting(remediationUrls)), config.remediation);
  const searchUrls = config.logSources.flatMap((s) => (s.kind === 'loki' || s.kind === 'splunk' || s.kind === 'elasticsearch' ? [s.url] : []));
  const evidence = { collector: new EvidenceBundleWriter(at(config.evidenceDir), guardTrusting(searchUrls), app.env), sources: config.logSources };
  app.workflowActions.equip(remediation, evidence);
  const engine = new DetectionEngine({
    ruleSet,
    sources: [...configured, pushed],
    actions: new RuleActions(app.incidents, app.store, remediation, evidence, new RequestedActions({
      incidents: app.incidents, store: app.store, paging: app.paging, statusPage: app.config.statusPage, clock: app.clock,
    })),
    clock: app.clock,
    intervalMs: config.intervalMs,
    // Every instance on the database competes for one lease; the holder evaluates, with the rule
    // state in the store (on SQLite too, so one code path and a restart keeps a pending `for:`).
    leadership: { store: app.store, holder: options.holder ?? detectionHolder() },
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    engine,
    rulesPath,
    endpoints: {
      push: async (samples, now) => {
        const outcome = await pushed.record(samples, now);
        // A kept sample is evaluated promptly (coalesced), not at the next interval.
        if (outcome.accepted > 0) engine.notifyPushed();
        return outcome;
      },
      approve: (incidentId, runId, approver) => remediation.approve(incidentId, runId, approver),
      health: () => engine.latestReading(),
    },
  };
}

/** This process as named in the detection lease: host, process id and a random part (pids repeat across hosts and restarts). */
function detectionHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
