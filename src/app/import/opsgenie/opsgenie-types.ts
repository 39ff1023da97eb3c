// Opsgenie REST API objects as documented (https://docs.opsgenie.com/docs/api-overview), only the
// fields the import reads.

export interface OgUser {
  readonly id: string;
  /** The user's e-mail address. */
  readonly username: string;
  readonly fullName?: string;
  readonly timeZone?: string;
  readonly blocked?: boolean;
}

export interface OgContact {
  readonly id: string;
  /** email, sms, voice, mobile */
  readonly method: string;
  /** "1-5550000001" for phones (country code, dash, number). */
  readonly to: string;
  readonly status?: { readonly enabled?: boolean };
}

export interface OgRuleStep {
  readonly id?: string;
  readonly sendAfter?: { readonly timeAmount?: number; readonly timeUnit?: string };
  readonly contact?: { readonly method?: string; readonly to?: string };
  readonly enabled?: boolean;
}

/** GET /v2/users/{id}/notification-rules/{ruleId} (the list leaves out the steps). */
export interface OgNotificationRule {
  readonly id: string;
  readonly name?: string;
  /** create-alert, acknowledged-alert, closed-alert, assigned-alert, add-note, schedule-start, schedule-end, incoming-call-routing */
  readonly actionType?: string;
  readonly enabled?: boolean;
  readonly order?: number;
  readonly steps?: readonly OgRuleStep[];
}

export interface OgTeam {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** GET /v2/teams/{id} only. */
  readonly members?: readonly { readonly user: { readonly id: string; readonly username?: string }; readonly role?: string }[];
}

export interface OgParticipant {
  /** user, team, escalation, none */
  readonly type: string;
  readonly id?: string;
  readonly username?: string;
  readonly name?: string;
}

export interface OgTimeRestriction {
  /** time-of-day or weekday-and-time-of-day */
  readonly type: string;
  readonly restriction?: { readonly startHour: number; readonly startMin: number; readonly endHour: number; readonly endMin: number };
  readonly restrictions?: readonly {
    readonly startDay: string; readonly startHour: number; readonly startMin: number;
    readonly endDay: string; readonly endHour: number; readonly endMin: number;
  }[];
}

export interface OgRotation {
  readonly id?: string;
  readonly name?: string;
  readonly startDate: string;
  readonly endDate?: string | null;
  /** daily, weekly, hourly */
  readonly type: string;
  readonly length?: number;
  readonly participants?: readonly OgParticipant[];
  readonly timeRestriction?: OgTimeRestriction | null;
}

export interface OgSchedule {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly timezone?: string;
  readonly enabled?: boolean;
  readonly ownerTeam?: { readonly id?: string; readonly name?: string };
  /** With expand=rotation. */
  readonly rotations?: readonly OgRotation[];
}

export interface OgOverride {
  readonly alias?: string;
  readonly user: OgParticipant;
  readonly startDate: string;
  readonly endDate: string;
  readonly rotations?: readonly { readonly id?: string; readonly name?: string }[];
}

export interface OgEscalationRule {
  /** if-not-acked, if-not-closed */
  readonly condition?: string;
  /** default, next, previous, users, admins, all */
  readonly notifyType?: string;
  readonly delay?: { readonly timeAmount?: number; readonly timeUnit?: string };
  readonly recipient: OgParticipant;
}

export interface OgEscalation {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly ownerTeam?: { readonly id?: string; readonly name?: string };
  readonly rules?: readonly OgEscalationRule[];
  readonly repeat?: { readonly waitInterval?: number; readonly count?: number; readonly resetRecipientStates?: boolean; readonly closeAlertAfterAll?: boolean } | null;
}

export interface OgService {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly teamId?: string;
}

export interface OgIntegration {
  readonly id: string;
  readonly name: string;
  /** API, Prometheus, Grafana, Datadog, NewRelic, CloudWatch, Email … */
  readonly type: string;
  readonly enabled?: boolean;
  readonly teamId?: string;
}

/** Everything the import reads from one Opsgenie account. */
export interface OpsgenieSnapshot {
  readonly users: readonly { readonly user: OgUser; readonly contacts?: readonly OgContact[]; readonly rules?: readonly OgNotificationRule[] }[];
  readonly teams: readonly OgTeam[];
  readonly schedules: readonly OgSchedule[];
  readonly overrides: Readonly<Record<string, readonly OgOverride[] | undefined>>;
  readonly escalations: readonly OgEscalation[];
  readonly services: readonly OgService[];
  readonly integrations: readonly OgIntegration[];
}
