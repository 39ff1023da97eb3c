// Grafana OnCall public API v1 objects as documented
// (https://grafana.com/docs/oncall/latest/oncall-api-reference/), only the fields the import reads.

export interface GoUser {
  readonly id: string;
  readonly email?: string;
  readonly username?: string;
  readonly role?: string;
  readonly timezone?: string | null;
  readonly is_phone_number_verified?: boolean;
  readonly slack?: readonly { readonly user_id: string; readonly team_id?: string }[] | { readonly user_id: string } | null;
  /** Team ids. */
  readonly teams?: readonly string[];
}

export interface GoTeam {
  readonly id: string;
  readonly name: string;
}

export interface GoSchedule {
  readonly id: string;
  readonly name: string;
  /** web, calendar, ical */
  readonly type: string;
  readonly team_id?: string | null;
  readonly time_zone?: string | null;
  /** On-call shift ids (web and calendar schedules). */
  readonly shifts?: readonly string[] | null;
}

export interface GoShift {
  readonly id: string;
  readonly name?: string;
  /** rolling_users, recurrent_event, single_event, override */
  readonly type: string;
  readonly time_zone?: string | null;
  /** Higher wins where shifts overlap. */
  readonly level?: number | null;
  /** Local date-time in the shift's zone, "2026-10-19T09:00:00". */
  readonly start: string;
  /** Seconds. */
  readonly duration: number;
  /** hourly, daily, weekly, monthly */
  readonly frequency?: string | null;
  readonly interval?: number | null;
  readonly week_start?: string | null;
  readonly by_day?: readonly string[] | null;
  readonly by_month?: readonly number[] | null;
  readonly by_monthday?: readonly number[] | null;
  readonly users?: readonly string[] | null;
  readonly rolling_users?: readonly (readonly string[])[] | null;
  readonly start_rotation_from_user_index?: number | null;
  readonly until?: string | null;
}

export interface GoEscalationChain {
  readonly id: string;
  readonly name: string;
  readonly team_id?: string | null;
}

/** One step of an escalation chain. */
export interface GoEscalationPolicy {
  readonly id: string;
  readonly escalation_chain_id: string;
  readonly position: number;
  /** wait, notify_persons, notify_person_next_each_time, notify_on_call_from_schedule, notify_team_members, notify_user_group, trigger_webhook, resolve, notify_whole_channel, notify_if_time_from_to, repeat_escalation … */
  readonly type: string | null;
  /** Seconds, for wait. */
  readonly duration?: number | null;
  readonly important?: boolean;
  readonly persons_to_notify?: readonly string[] | null;
  readonly persons_to_notify_next_each_time?: readonly string[] | null;
  readonly notify_on_call_from_schedule?: string | null;
  readonly team_to_notify?: string | null;
}

export interface GoIntegration {
  readonly id: string;
  readonly name: string;
  /** alertmanager, grafana, grafana_alerting, webhook, formatted_webhook, amazon_sns, datadog, … */
  readonly type: string;
  readonly team_id?: string | null;
  /** The URL senders post to; it carries the integration's secret token and is never printed. */
  readonly link?: string | null;
  readonly default_route?: { readonly escalation_chain_id?: string | null } | null;
}

export interface GoNotificationRule {
  readonly id: string;
  readonly user_id: string;
  readonly position: number;
  /** wait, notify_by_slack, notify_by_sms, notify_by_phone_call, notify_by_telegram, notify_by_email, notify_by_mobile_app … */
  readonly type: string;
  /** Seconds, for wait. */
  readonly duration?: number | null;
  readonly important?: boolean;
}

/** Everything the import reads from one Grafana OnCall instance. */
export interface GrafanaOnCallSnapshot {
  readonly users: readonly GoUser[];
  readonly teams: readonly GoTeam[];
  readonly schedules: readonly GoSchedule[];
  readonly shifts: readonly GoShift[];
  readonly escalationChains: readonly GoEscalationChain[];
  readonly escalationPolicies: readonly GoEscalationPolicy[];
  readonly integrations: readonly GoIntegration[];
  readonly notificationRules: readonly GoNotificationRule[];
}
