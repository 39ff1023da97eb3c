/**
 * What one product-description-style switch under `integrations:` (`integrations.sms.critical_only:
 * true`) became: the real setting it maps onto, in words, and what is still missing for it to act.
 * `config explain` prints these; `config validate` and `doctor` report the ones that need something.
 */
export interface IntegrationSwitchNote {
  /** The key as written, e.g. `integrations.sms.critical_only`. */
  readonly key: string;
  readonly value: string | boolean;
  /**
   * `applied`: a real setting was changed; `default`: the product already does this;
   * `recorded-only`: accepted, but nothing acts on it yet (`became` says what to do instead).
   */
  readonly effect: 'applied' | 'default' | 'recorded-only';
  /** In words: "SMS reaches stakeholders only for SEV-1". */
  readonly became: string;
  /** The real setting(s), e.g. `communication.matrix.executive-team.informed_at: {critical: true, …}`. */
  readonly setting?: string;
  /** What to add before it takes effect, naming the keys: "add channels.twilio (account_sid, auth_token_env, from)". */
  readonly needs?: string;
}
