// PagerDuty REST API v2 objects as documented (https://developer.pagerduty.com/api-reference),
// only the fields the import reads. Everything is optional that PagerDuty may leave out.

export interface PdReference {
  readonly id: string;
  readonly type?: string;
  readonly summary?: string;
}

export interface PdContactMethod {
  readonly id: string;
  /** email_contact_method, phone_contact_method, sms_contact_method, push_notification_contact_method */
  readonly type: string;
  readonly label?: string;
  readonly address?: string;
  readonly country_code?: number;
  readonly summary?: string;
}

export interface PdNotificationRule {
  readonly id: string;
  readonly start_delay_in_minutes?: number;
  readonly contact_method?: PdContactMethod | PdReference;
  readonly urgency?: 'high' | 'low' | string;
}

export interface PdUser {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly time_zone?: string;
  readonly role?: string;
  /** Present with include[]=contact_methods. */
  readonly contact_methods?: readonly PdContactMethod[];
  /** Present with include[]=notification_rules. */
  readonly notification_rules?: readonly PdNotificationRule[];
}

export interface PdTeam {
  readonly id: string;
  readonly name?: string;
  readonly description?: string | null;
}

/** GET /teams/{id}/members */
export interface PdTeamMember {
  readonly user: PdReference;
  /** manager, responder, observer */
  readonly role?: string;
}

export interface PdRestriction {
  /** daily_restriction or weekly_restriction */
  readonly type: string;
  /** "09:00:00" in the schedule's zone. */
  readonly start_time_of_day: string;
  readonly duration_seconds: number;
  /** ISO weekday, 1 = Monday; weekly_restriction only. */
  readonly start_day_of_week?: number | null;
}

export interface PdScheduleLayer {
  readonly id?: string;
  readonly name?: string;
  readonly start: string;
  readonly end?: string | null;
  readonly rotation_virtual_start: string;
  readonly rotation_turn_length_seconds: number;
  readonly users: readonly { readonly user: PdReference }[];
  readonly restrictions?: readonly PdRestriction[];
}

export interface PdSchedule {
  readonly id: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly time_zone?: string;
  /** GET /schedules/{id} lists the highest layer first (the order PagerDuty's web app shows reversed). */
  readonly schedule_layers?: readonly PdScheduleLayer[];
}

export interface PdOverride {
  readonly id?: string;
  readonly start: string;
  readonly end: string;
  readonly user: PdReference;
}

export interface PdEscalationRule {
  readonly id?: string;
  readonly escalation_delay_in_minutes?: number;
  /** user_reference or schedule_reference. */
  readonly targets?: readonly PdReference[];
  /** "round_robin" or "assign_to_everyone" (also seen as { type }). */
  readonly escalation_rule_assignment_strategy?: string | { readonly type?: string } | null;
}

export interface PdEscalationPolicy {
  readonly id: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly num_loops?: number;
  readonly escalation_rules?: readonly PdEscalationRule[];
  readonly teams?: readonly PdReference[];
}

export interface PdIntegration {
  readonly id: string;
  /** events_api_v2_inbound_integration, generic_events_api_inbound_integration, generic_email_inbound_integration, aws_cloudwatch_inbound_integration … */
  readonly type: string;
  readonly name?: string;
  readonly summary?: string;
  readonly vendor?: PdReference | null;
}

export interface PdService {
  readonly id: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly status?: string;
  readonly escalation_policy?: PdReference;
  readonly teams?: readonly PdReference[];
  /** Full objects with include[]=integrations. */
  readonly integrations?: readonly PdIntegration[];
}

/** Everything the import reads from one PagerDuty account. */
export interface PagerDutySnapshot {
  readonly users: readonly PdUser[];
  readonly teams: readonly { readonly team: PdTeam; readonly members: readonly PdTeamMember[] }[];
  readonly schedules: readonly PdSchedule[];
  /** Future overrides per schedule id (GET /schedules/{id}/overrides?since=now&until=…). */
  readonly overrides: Readonly<Record<string, readonly PdOverride[] | undefined>>;
  readonly escalationPolicies: readonly PdEscalationPolicy[];
  readonly services: readonly PdService[];
}
