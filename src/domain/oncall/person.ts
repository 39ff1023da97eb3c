/** How a person can be reached. Only verified methods are used; the others are reported by lint. */
export const CONTACT_METHOD_KINDS = ['email', 'sms', 'voice', 'slack', 'teams', 'webhook', 'push', 'ntfy', 'pushover', 'telegram'] as const;
export type ContactMethodKind = (typeof CONTACT_METHOD_KINDS)[number];

/** Whether a method wakes someone up (a page) or only notifies (SEV-3 uses notify-only methods). */
export const IS_PAGING_METHOD: Record<ContactMethodKind, boolean> = {
  email: false,
  sms: true,
  voice: true,
  slack: false,
  teams: false,
  webhook: false,
  push: true,
  ntfy: true,
  pushover: true,
  telegram: true,
};

export const CONTACT_METHOD_LABEL: Record<ContactMethodKind, string> = {
  email: 'Email',
  sms: 'SMS',
  voice: 'Voice call',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  webhook: 'Webhook',
  push: 'Push (web app)',
  ntfy: 'ntfy',
  pushover: 'Pushover',
  telegram: 'Telegram',
};

export interface ContactMethod {
  readonly id: string;
  readonly kind: ContactMethodKind;
  readonly address: string;
  /** Verified and last known to work; unverified methods are never used. */
  readonly isVerified: boolean;
}

/** "sms at 0 min, voice at 5 min if unacknowledged": minutes after the step reaches the person. */
export interface NotificationRule {
  readonly afterMinutes: number;
  readonly method: ContactMethodKind;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly contactMethods: readonly ContactMethod[];
  readonly notificationRules: readonly NotificationRule[];
  /** The IANA zone the person reads times in (messages, web app, CLI); absent: the configuration's display_time_zone. */
  readonly timeZone?: string;
}

/** The person's first verified method of a kind, in the order they listed them. */
export function findWorkingContactMethod(person: Person, kind: ContactMethodKind): ContactMethod | undefined {
  return person.contactMethods.find((m) => m.kind === kind && m.isVerified);
}

export function hasWorkingContactMethod(person: Person): boolean {
  return person.contactMethods.some((m) => m.isVerified);
}
