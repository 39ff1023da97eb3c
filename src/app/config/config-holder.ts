import type { ResponseConfig } from './response-config.js';

/** What changed between two configurations, by name only (never a value: sections may name secrets' variables). */
export interface ConfigChangeSummary {
  /** Top-level sections that differ, as written in the file (`escalation_policies`, `paging`, …). */
  readonly sections: readonly string[];
  readonly services: IdChanges;
  readonly schedules: IdChanges;
  readonly escalationPolicies: IdChanges;
  readonly people: IdChanges;
  /** Changed sections that `serve` reads only at start: they apply after a restart. */
  readonly needsRestart: readonly string[];
}

export interface IdChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/**
 * Sections read once when `serve` starts (detection's engine and rules, the listener, heartbeat
 * monitors, ingest policy, chat integrations, the status page, ticket systems, audit signing).
 * Everything else is read at each use and applies as soon as the configuration is swapped.
 */
const READ_AT_START: ReadonlySet<string> = new Set(['detection', 'server', 'heartbeats', 'alerts', 'integrations', 'statusPage', 'tickets', 'audit', 'integrationSwitches']);

const fileKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function idChanges<T>(before: Readonly<Record<string, T>>, after: Readonly<Record<string, T>>): IdChanges {
  const ids = (r: Readonly<Record<string, T>>) => Object.keys(r).sort();
  return {
    added: ids(after).filter((id) => !(id in before)),
    removed: ids(before).filter((id) => !(id in after)),
    changed: ids(after).filter((id) => id in before && !same(before[id], after[id])),
  };
}

const byId = <T extends { readonly id: string }>(list: readonly T[]) => Object.fromEntries(list.map((x) => [x.id, x]));

/** Which sections, services, schedules, escalation policies and people differ between `before` and `after`. */
export function summarizeConfigChange(before: ResponseConfig, after: ResponseConfig): ConfigChangeSummary {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort() as (keyof ResponseConfig)[];
  const changed = keys.filter((k) => !same(before[k], after[k]));
  const needsRestart = changed.filter((k) => READ_AT_START.has(k)).map(fileKey);
  // The engine's own knobs (poll interval, leases, heartbeat) are read when the engine starts.
  if (!same(before.paging.engine, after.paging.engine)) needsRestart.push('paging.engine');
  return {
    sections: changed.map(fileKey),
    services: idChanges(before.services, after.services),
    schedules: idChanges(byId(before.schedules), byId(after.schedules)),
    escalationPolicies: idChanges(byId(before.escalationPolicies), byId(after.escalationPolicies)),
    people: idChanges(byId(before.people), byId(after.people)),
    needsRestart,
  };
}

/**
 * The configuration `serve` runs on, swappable while it runs (SIGHUP, `POST /config/reload`).
 * `live` is a view whose every section is read from the current configuration at the moment it is
 * read, so the use cases built once at start (incidents, paging) see a reloaded file without being
 * rebuilt; a reader that keeps a section from before the swap keeps the old one, which is what an
 * escalation in flight does with its frozen policy.
 */
export class ConfigHolder {
  #current: ResponseConfig;
  readonly live: ResponseConfig;

  constructor(initial: ResponseConfig) {
    this.#current = initial;
    // A Proxy rather than getters: optional sections absent from the first file (channels:,
    // detection:) must still appear when a reloaded file adds them.
    this.live = new Proxy({} as ResponseConfig, {
      get: (_target, key) => Reflect.get(this.#current, key),
      has: (_target, key) => Reflect.has(this.#current, key),
      ownKeys: () => Reflect.ownKeys(this.#current),
      getOwnPropertyDescriptor: (_target, key) => {
        const d = Reflect.getOwnPropertyDescriptor(this.#current, key);
        return d === undefined ? undefined : { ...d, configurable: true };
      },
      set: () => false,
    });
  }

  get current(): ResponseConfig {
    return this.#current;
  }

  /** Swaps in `next` (already validated) and returns what changed. */
  replace(next: ResponseConfig): ConfigChangeSummary {
    const summary = summarizeConfigChange(this.#current, next);
    this.#current = next;
    return summary;
  }
}
