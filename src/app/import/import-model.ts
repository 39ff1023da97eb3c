/** The tools a team can import its on-call setup from. */
export const IMPORT_VENDORS = ['pagerduty', 'opsgenie', 'grafana-oncall'] as const;
export type ImportVendor = (typeof IMPORT_VENDORS)[number];

export const VENDOR_LABEL: Record<ImportVendor, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
};

export type DayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const DAY_NAMES: readonly DayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export type ContactKind = 'email' | 'sms' | 'voice' | 'slack' | 'teams' | 'webhook';

// The configuration an import writes, key for key in the YAML shape `config validate` reads
// (docs/configuration.md): snake_case keys, ids as record keys, times as text.

export interface ImportedPerson {
  readonly name: string;
  readonly contact_methods: readonly { readonly kind: ContactKind; readonly address: string; readonly verified?: boolean }[];
  readonly notification_rules: readonly { readonly after_minutes: number; readonly method: ContactKind }[];
}

export interface ImportedTeam {
  readonly name: string;
  readonly members: readonly string[];
  readonly leads: readonly string[];
}

export interface ImportedRestriction {
  readonly days: readonly DayName[];
  readonly start: string;
  readonly end: string;
}

export interface ImportedLayer {
  readonly name: string;
  readonly time_zone: string;
  readonly start_date: string;
  readonly hand_off_time: string;
  readonly turn: string;
  readonly participants: readonly string[];
  readonly restrictions?: readonly ImportedRestriction[];
}

export interface ImportedOverride {
  readonly person: string;
  readonly start: string;
  readonly end: string;
}

export interface ImportedSchedule {
  readonly name: string;
  /** Lowest first, as the file lists them. */
  readonly layers: readonly ImportedLayer[];
  readonly overrides?: readonly ImportedOverride[];
}

export type ImportedTarget =
  | { readonly person: string }
  | { readonly schedule: string }
  | { readonly team: string; readonly who?: 'lead' | 'members' | 'executives' };

export interface ImportedStep {
  readonly delay_minutes: number;
  readonly targets: readonly ImportedTarget[];
}

export interface ImportedPolicy {
  readonly name: string;
  readonly steps: readonly ImportedStep[];
  readonly repeat: number;
  readonly repeat_after_minutes: number;
}

export interface ImportedService {
  readonly name: string;
  readonly description?: string;
  readonly owner_team?: string;
  readonly escalation_policy?: string;
}

export interface ImportedConfig {
  readonly people: Readonly<Record<string, ImportedPerson>>;
  readonly teams: Readonly<Record<string, ImportedTeam>>;
  readonly schedules: Readonly<Record<string, ImportedSchedule>>;
  readonly escalation_policies: Readonly<Record<string, ImportedPolicy>>;
  readonly services: Readonly<Record<string, ImportedService>>;
}

/** What an import counts and reports on, in the order the summary lists them. */
export const IMPORT_KINDS = ['user', 'team', 'schedule', 'escalation policy', 'service', 'integration'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** How well one source object carried over: the worst of everything said about it. */
export const MAPPING_LEVELS = ['exact', 'approximate', 'unmapped'] as const;
export type MappingLevel = (typeof MAPPING_LEVELS)[number];

export interface MappingNote {
  readonly kind: ImportKind;
  /** The object in the source tool's words, e.g. "schedule 'Payments primary'". */
  readonly subject: string;
  readonly level: Exclude<MappingLevel, 'exact'>;
  /** Why, as a sentence fragment: "round robin has no equivalent: mapped to all targets at once". */
  readonly message: string;
}

/** Our ingest sources an imported integration can be replaced by (docs/ingest.md). */
export const REPLACEMENT_SOURCES = ['pagerduty-events', 'opsgenie', 'alertmanager-webhook', 'sns-cloudwatch', 'datadog', 'newrelic', 'generic-webhook'] as const;
export type ReplacementSource = (typeof REPLACEMENT_SOURCES)[number];

/** One of the source tool's integrations and what replaces it here. */
export interface IntegrationPlan {
  /** The integration's name in the source tool. */
  readonly vendorName: string;
  /** Its type in the source tool's words ("events_api_v2_inbound_integration", "Prometheus", "alertmanager"). */
  readonly vendorType: string;
  /** Our service its alerts belong to. */
  readonly service?: string;
  /** Undefined when nothing here replaces it. */
  readonly source?: ReplacementSource;
  /** The integration name to create here (unique per import). */
  readonly name: string;
}

/** One object read from the source tool and what became of it. */
export interface ImportTally {
  readonly kind: ImportKind;
  readonly subject: string;
  readonly level: MappingLevel;
}

export interface ImportResult {
  readonly vendor: ImportVendor;
  readonly config: ImportedConfig;
  readonly tallies: readonly ImportTally[];
  readonly notes: readonly MappingNote[];
  readonly integrations: readonly IntegrationPlan[];
}
