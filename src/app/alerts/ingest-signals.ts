import {
  STABLE, alertIdentity, computeGroupLabels, decideAutoResolve, decideDedup, decideFlap, decideGrouping, decideSilence, routeSignal,
  type AlertNote, type AlertSignal, type GroupableAlert, type ChangeEvent, type RoutedSignal, type Silence,
} from '../../domain/alerts/index.js';
import { decideResolve, isActiveStatus, type IncidentEventData } from '../../domain/incident/index.js';
import { decideSeenBefore } from '../../domain/review/index.js';
import type { EpochMs } from '../../domain/time/index.js';
import { isRestrictedIncidentType } from '../../domain/access/index.js';
import { INCIDENT_TYPES, type IncidentType } from '../../domain/classification/index.js';
import type { IncidentService } from '../incidents/index.js';
import { pastIncidentKey, type AlertStore, type AlertWriteTx, type IntegrationRecord, type StoredAlert } from '../ports/index.js';
import { isAutoResolveOn, type AlertPolicy } from './alert-policy.js';
import { emptyReport, type IngestReport, type IngestRequest } from './ingest-request.js';

const SERVICE_SHAPE = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const TITLE_MAX = 200;
const CHANGE_FAN_OUT = 20;
/**
 * Signals applied between two turns of the event loop. SQLite answers synchronously, so a batch of
 * 500 alerts would otherwise run as one task and hold up every request (and the paging engine) for
 * its whole length; letting the loop turn every few alerts keeps the server answering meanwhile.
 */
const YIELD_EVERY = 16;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** Past incidents of the same alert looked at for "seen before" (newest first). */
const SEEN_BEFORE_CANDIDATES = 20;

/** A signal's route and the group key it names, decided once per batch. */
interface Routed { readonly route: RoutedSignal; readonly groupKey: string }

/** State of one batch: the newest alert per identity as the batch changes it, and live silences. */
interface BatchState {
  readonly tx: AlertWriteTx;
  readonly now: EpochMs;
  readonly alerts: Map<string, StoredAlert>;
  readonly silences: readonly Silence[];
  readonly report: IngestReport;
  /**
   * alert-linked events not yet recorded, per incident, in order: recorded with one call per incident
   * (per run of one sender) before anything else is recorded in the batch and at its end, so each
   * incident's timeline reads exactly as if they were recorded one by one, at a fraction of the cost.
   */
  readonly links: Map<string, { readonly actor: { name: string }; readonly data: IncidentEventData }[]>;
  /** New incidents to look up past incidents for once the batch's signals are applied. */
  readonly seenBefore: { incidentId: string; service: string; fingerprint: string; incidentType: IncidentType; actor: { name: string } }[];
}

/**
 * From alert signals to incidents, in ONE write transaction per batch: routing → dedup → silence →
 * flap → grouping → declare or link, then coalesced repeat events, alert-resolved and auto-resolve.
 * Each step is a pure domain decision; its `reason` goes on the timeline.
 */
export class AlertIngest {
  constructor(
    private readonly store: AlertStore,
    private readonly incidents: Pick<IncidentService, 'declareIn' | 'recordIn'>,
    private readonly policy: AlertPolicy,
    private readonly newId: () => string,
  ) {}

  async ingestSignals(requests: readonly IngestRequest[], now: EpochMs): Promise<IngestReport> {
    return this.store.writeAlerts(async (tx) => {
      const batch = await resolveAlertIds(tx, requests);
      const identities = batch.flatMap((r) => [
        ...r.signals.map((s) => ({ source: s.source, integrationKey: r.integration.id, dedupKey: s.dedupKey })),
        ...(r.notes ?? []).map((n) => ({ source: n.source, integrationKey: r.integration.id, dedupKey: n.dedupKey })),
      ]);
      const found = identities.length === 0 ? [] : await tx.findLatestAlerts(identities);
      const state: BatchState = {
        tx, now, alerts: new Map(found.map((a) => [alertIdentity(a), a])), silences: await tx.liveSilences(now), report: emptyReport(), links: new Map(), seenBefore: [],
      };
      // Routing is pure: decided once here, it names every group key the batch may need, read at once.
      const routes = new Map<AlertSignal, Routed>();
      for (const r of batch) {
        for (const s of r.signals) {
          const route = this.#route(s, r.integration);
          routes.set(s, { route, groupKey: this.#groupKey(route.service, s) });
        }
      }
      if (routes.size > 0) await tx.prefetchGroups([...routes.values()].map((r) => r.groupKey));
      let applied = 0;
      for (const r of batch) {
        // A signed delivery already acted on (replayed within its window) is taken without effect;
        // the claim commits with the work it guards, so a failed batch leaves the delivery unclaimed.
        if (r.delivery !== undefined && !(await tx.claimSignedDelivery(r.delivery, now))) {
          state.report.replayed++;
          continue;
        }
        for (const s of r.signals) {
          await this.#applySignal(state, { ...s, integrationKey: r.integration.id }, r.integration, routes.get(s)!);
          if (++applied % YIELD_EVERY === 0) await yieldToEventLoop();
        }
        for (const n of r.notes ?? []) await this.#applyNote(state, { ...n, integrationKey: r.integration.id });
        for (const c of r.changes ?? []) await this.#applyChange(state, c, r.integration);
      }
      await this.#recordLinks(state);
      await this.#noteSeenBefore(state);
      return state.report;
    });
  }

  async #applySignal(b: BatchState, signal: AlertSignal, integration: IntegrationRecord, { route, groupKey }: Routed): Promise<void> {
    const identity = alertIdentity(signal);
    const latest = b.alerts.get(identity);
    if (!isTheNamedAlert(signal, latest)) {
      b.report.dropped++;
      return;
    }
    const dedup = decideDedup(signal, latest === undefined ? [] : [latest]);
    if (dedup.kind === 'drop') {
      b.report.dropped++;
      return;
    }
    const flap = decideFlap(latest?.flap ?? STABLE, signal.action, b.now, this.policy.flap);
    const isSuppressed = flap.kind === 'suppress';
    if (isSuppressed) b.report.suppressed++;
    const actor = { name: `alert:${signal.source}` };
    let alert: StoredAlert;
    switch (dedup.kind) {
      case 'open': {
        b.report.opened++;
        const silence = decideSilence({ labels: signal.labels, incidentType: route.incidentType, ...(route.service !== undefined ? { service: route.service } : {}) }, b.silences, [], b.now);
        alert = {
          id: this.newId(), source: signal.source, integrationKey: integration.id, dedupKey: signal.dedupKey, fingerprint: signal.fingerprint,
          status: 'open', occurrences: 1, openedAt: b.now, lastSeenAt: b.now, summary: signal.summary, severity: route.severity,
          service: route.service, labels: signal.labels, resolvedAt: undefined, reportedOccurrences: 1, reportedAt: b.now, flap: flap.state,
          silencedBy: silence.kind === 'silenced' ? silence.id : undefined, groupKey,
          // While flapping, a reopened alert stays with the incident of its previous life, quietly.
          ...(isSuppressed && latest?.incidentId !== undefined ? { incidentId: latest.incidentId } : {}),
        };
        if (silence.kind === 'silenced') b.report.silenced++;
        else if (!isSuppressed) alert = await this.#link(b, alert, signal, route, `${dedup.reason}; ${route.reason}`);
        break;
      }
      case 'append': {
        b.report.appended++;
        alert = { ...latest!, occurrences: dedup.occurrence, lastSeenAt: b.now, flap: flap.state };
        if (isSuppressed) break;
        if (alert.incidentId === undefined) {
          // Opened while silenced: once no silence holds it, the next repeat raises it.
          const silence = decideSilence({ labels: alert.labels, incidentType: route.incidentType, ...(alert.service !== undefined ? { service: alert.service } : {}) }, b.silences, [], b.now);
          if (silence.kind === 'active') alert = await this.#link(b, { ...alert, reportedOccurrences: alert.occurrences, reportedAt: b.now }, signal, route, `${dedup.reason}; no silence holds it any more`);
        } else if (alert.reportedAt === undefined || b.now - alert.reportedAt >= this.policy.dedupEventEveryMs) {
          alert = await this.#reportRepeats(b, alert, dedup.reason, actor);
        }
        break;
      }
      case 'acknowledge':
        b.report.acknowledged++;
        alert = { ...latest!, status: 'acknowledged', lastSeenAt: b.now, flap: flap.state };
        break;
      case 'resolve': {
        b.report.resolved++;
        alert = { ...latest!, status: 'resolved', resolvedAt: b.now, lastSeenAt: b.now, flap: flap.state };
        const incidentId = alert.incidentId;
        if (incidentId === undefined || isSuppressed) break;
        alert = await this.#reportRepeats(b, alert, `${alert.occurrences - alert.reportedOccurrences} more occurrences before it resolved`, actor);
        await this.#record(b, incidentId, actor, b.now, () => [{ kind: 'alert-resolved', alertId: alert.id, source: alert.source, reason: dedup.reason }]);
        await b.tx.saveAlert(alert);
        b.alerts.set(identity, alert);
        await this.#autoResolve(b, incidentId, alert.service, actor);
        return;
      }
    }
    await b.tx.saveAlert(alert);
    b.alerts.set(identity, alert);
  }

  /** Joins an open incident of the same group, or declares one; either way an alert-linked event says why. */
  async #link(b: BatchState, alert: StoredAlert, signal: AlertSignal, route: RoutedSignal, why: string): Promise<StoredAlert> {
    const groupable = groupableOf(signal, route.service);
    const groupLabels = computeGroupLabels(groupable, this.policy.grouping.groupBy);
    const groups = (await b.tx.findGroups(alert.groupKey)).map((g) => ({ ...g, ...(route.service !== undefined ? { service: route.service } : {}), groupLabels }));
    const grouping = decideGrouping(groupable, groups, this.policy.grouping, b.now);
    const actor = { name: `alert:${signal.source}` };
    let incidentId: string;
    if (grouping.kind === 'group') {
      incidentId = grouping.incidentId;
    } else {
      const title = signal.summary.trim().slice(0, TITLE_MAX) || `Alert ${signal.dedupKey}`;
      const impactStartedAt = signal.startsAt !== undefined && signal.startsAt <= b.now ? signal.startsAt : undefined;
      const description = signal.annotations['description'];
      const declared = await this.incidents.declareIn(b.tx, {
        severity: route.severity, incidentType: route.incidentType, environment: route.environment, title,
        ...(route.service !== undefined ? { service: route.service } : {}),
        ...(description !== undefined && description.trim() !== '' ? { summary: description.slice(0, 2000) } : {}),
        ...(impactStartedAt !== undefined ? { impactStartedAt } : {}),
      }, actor, b.now);
      incidentId = declared.id;
      b.report.incidentsDeclared++;
    }
    // The sender's own view of the alert (Splunk's search results, the Kibana rule), when it is a web address.
    const link = signal.links.map((l) => l.href).find((href) => /^https?:\/\//i.test(href) && href.length <= 2048);
    const linked: IncidentEventData = {
      kind: 'alert-linked', alertId: alert.id, source: signal.source, dedupKey: signal.dedupKey, summary: signal.summary.slice(0, 1024), reason: `${why}; ${grouping.reason}`,
      ...(link !== undefined ? { link } : {}),
    };
    // A new incident whose alert (same service and fingerprint) opened a past incident with an RCA
    // names it: looked up for the whole batch at once when its signals are all applied.
    if (grouping.kind !== 'group' && route.service !== undefined) {
      b.seenBefore.push({ incidentId, service: route.service, fingerprint: signal.fingerprint, incidentType: route.incidentType, actor });
    }
    const pending = b.links.get(incidentId);
    if (pending === undefined) b.links.set(incidentId, [{ actor, data: linked }]);
    else pending.push({ actor, data: linked });
    return { ...alert, incidentId };
  }

  /** Records an incident's events, after the alert-linked events still waiting (so the order holds). */
  async #record(b: BatchState, id: string, actor: { name: string }, now: EpochMs, decide: Parameters<IncidentService['recordIn']>[4]) {
    await this.#recordLinks(b);
    return this.incidents.recordIn(b.tx, id, actor, now, decide);
  }

  /** The waiting alert-linked events: one record per incident and run of one sender. */
  async #recordLinks(b: BatchState): Promise<void> {
    if (b.links.size === 0) return;
    const waiting = [...b.links];
    b.links.clear();
    for (const [incidentId, links] of waiting) {
      for (let from = 0; from < links.length;) {
        const actor = links[from]!.actor;
        let to = from + 1;
        while (to < links.length && links[to]!.actor.name === actor.name) to++;
        const data = links.slice(from, to).map((l) => l.data);
        await this.incidents.recordIn(b.tx, incidentId, actor, b.now, () => data);
        from = to;
      }
    }
  }

  /** The batch's new incidents whose alert opened a past incident with a root cause name it (one read for the batch). */
  async #noteSeenBefore(b: BatchState): Promise<void> {
    if (b.seenBefore.length === 0) return;
    const past = await b.tx.findPastIncidentsWithAlerts(b.seenBefore, SEEN_BEFORE_CANDIDATES);
    for (const wanted of b.seenBefore) {
      const hidden = typesHiddenFrom(wanted.incidentType);
      const candidates = (past.get(pastIncidentKey(wanted.service, wanted.fingerprint)) ?? []).filter((c) => !hidden.includes(c.incidentType));
      const events = decideSeenBefore(wanted.incidentId, { service: wanted.service, fingerprint: wanted.fingerprint }, candidates, []);
      if (events.length > 0) await this.#record(b, wanted.incidentId, wanted.actor, b.now, (s) => (s.seenBefore ?? []).length > 0 ? [] : events);
    }
  }

  /** One alert-deduplicated event for the repeats not yet on the timeline (nothing when there are none). */
  async #reportRepeats(b: BatchState, alert: StoredAlert, reason: string, actor: { name: string }): Promise<StoredAlert> {
    const count = alert.occurrences - alert.reportedOccurrences;
    if (count <= 0 || alert.incidentId === undefined) return alert;
    await this.#record(b, alert.incidentId, actor, b.now, () => [{ kind: 'alert-deduplicated', alertId: alert.id, source: alert.source, count, reason }]);
    return { ...alert, reportedOccurrences: alert.occurrences, reportedAt: b.now };
  }

  async #autoResolve(b: BatchState, incidentId: string, service: string | undefined, actor: { name: string }): Promise<void> {
    const alerts = await b.tx.alertsOfIncident(incidentId);
    const decision = decideAutoResolve(alerts, { isEnabled: isAutoResolveOn(this.policy, service) });
    if (decision.kind !== 'resolve-incident') return;
    const after = await this.#record(b, incidentId, actor, b.now, (s) => (isActiveStatus(s.status) ? decideResolve(s, decision.reason) : []));
    if (after.status === 'resolved') b.report.incidentsAutoResolved++;
  }

  async #applyNote(b: BatchState, note: AlertNote): Promise<void> {
    const alert = b.alerts.get(alertIdentity(note));
    if (alert?.incidentId === undefined || !isTheNamedAlert(note, alert)) {
      b.report.dropped++;
      return;
    }
    const text = `${note.user !== undefined ? `${note.user} via ` : ''}${note.source} on alert ${alert.id}: ${note.text}`.slice(0, 2000);
    await this.#record(b, alert.incidentId, { name: `alert:${note.source}` }, b.now, () => [{ kind: 'note-added', text }]);
  }

  /** Stored, and noted on the active incidents of the integration's service (all of them when it has none). */
  async #applyChange(b: BatchState, change: ChangeEvent, integration: IntegrationRecord): Promise<void> {
    await b.tx.insertChange({
      id: this.newId(), source: change.source, integrationKey: integration.id, summary: change.summary, origin: change.origin,
      happenedAt: change.happenedAt ?? change.receivedAt, receivedAt: b.now, details: change.details,
    });
    const link = change.links[0]?.href;
    for (const id of await b.tx.activeIncidentIds(integration.service, CHANGE_FAN_OUT)) {
      await this.#record(b, id, { name: `alert:${change.source}` }, b.now, () => [{
        kind: 'change-noted', summary: change.summary.slice(0, 1024), source: change.source, ...(link !== undefined ? { link } : {}),
      }]);
    }
  }

  #route(signal: AlertSignal, integration: IntegrationRecord): RoutedSignal {
    const service = integration.service;
    const routed = routeSignal(signal, { rules: [...integration.routing, ...this.policy.routing], defaults: { ...this.policy.defaults, ...(service !== undefined ? { service } : {}) } });
    // A service name we could not declare with would lose the alert; keep the alert, drop the name.
    if (routed.service !== undefined && !SERVICE_SHAPE.test(routed.service)) {
      const { service: _bad, ...rest } = routed;
      return { ...rest, reason: `${routed.reason} (service '${routed.service.slice(0, 40)}' ignored: not a valid service name)` };
    }
    return routed;
  }

  /** The stored key alerts of one group share: the service and the group-by values as grouping computes them. */
  #groupKey(service: string | undefined, signal: AlertSignal): string {
    const values = computeGroupLabels(groupableOf(signal, service), this.policy.grouping.groupBy);
    return JSON.stringify([service ?? '', this.policy.grouping.groupBy.map((n) => values[n] ?? '')]);
  }
}

function groupableOf(signal: AlertSignal, service: string | undefined): GroupableAlert {
  return {
    labels: signal.labels, identity: `${signal.source} ${signal.dedupKey}`,
    ...(signal.alertName !== undefined ? { alertName: signal.alertName } : {}),
    ...(service !== undefined ? { service } : {}),
  };
}

/**
 * Past incidents a new incident of this type may name as "seen before": whoever can see the new one
 * must be able to see the past one, so restricted types (security) only name their own kind.
 */
function typesHiddenFrom(type: IncidentType): IncidentType[] {
  return INCIDENT_TYPES.filter((t) => t !== type && isRestrictedIncidentType(t));
}

/** No alert id given, or it names exactly the newest alert of the identity (not an older, resolved life). */
function isTheNamedAlert(item: { readonly alertId?: string }, latest: StoredAlert | undefined): boolean {
  return item.alertId === undefined || latest?.id === item.alertId;
}

/**
 * Signals and notes that name an alert by our alert id get that alert's dedup key, when the alert
 * belongs to the same source and integration. Otherwise they are dropped here (Opsgenie answers
 * 202 and fails such a request later: "Alert does not exist").
 */
async function resolveAlertIds(tx: AlertWriteTx, requests: readonly IngestRequest[]): Promise<readonly IngestRequest[]> {
  const ids = requests.flatMap((r) => [...r.signals, ...(r.notes ?? [])].flatMap((x) => (x.alertId !== undefined ? [x.alertId] : [])));
  if (ids.length === 0) return requests;
  const byId = new Map((await tx.findAlertsByIds(ids)).map((a) => [a.id, a]));
  function resolve<T extends { readonly alertId?: string; readonly source: string }>(items: readonly T[], integration: IntegrationRecord): T[] {
    return items.flatMap((item) => {
      if (item.alertId === undefined) return [item];
      const alert = byId.get(item.alertId);
      if (alert === undefined || alert.source !== item.source || alert.integrationKey !== integration.id) return [];
      return [{ ...item, dedupKey: alert.dedupKey }];
    });
  }
  return requests.map((r) => ({
    ...r,
    signals: resolve(r.signals, r.integration),
    ...(r.notes !== undefined ? { notes: resolve(r.notes, r.integration) } : {}),
  }));
}
