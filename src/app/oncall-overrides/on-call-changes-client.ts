import type { Principal } from '../../domain/access/index.js';
import type { ContactMethodFinding } from '../../domain/oncall/index.js';
import type { ContactTestDto, ContactTests } from '../contact-tests/index.js';
import type { OnCallOverrides, OverrideDto, OverrideInput } from './on-call-overrides.js';

/**
 * On-call changes as a client makes them: the CLI (locally or against a server with --api), and
 * what the web app calls for "take my shift" and "send me a test page".
 */
export interface OnCallChangesClient {
  createOverride(input: OverrideInput): Promise<OverrideDto>;
  listOverrides(filter: { readonly scheduleId?: string }): Promise<OverrideDto[]>;
  deleteOverride(id: string): Promise<OverrideDto>;
  sendTestPage(personId: string, method?: string): Promise<ContactTestDto[]>;
  /** Verified contact methods never tested or failing in the last 30 days; undefined when the client cannot tell (a server without the route). */
  contactFindings(): Promise<readonly ContactMethodFinding[] | undefined>;
}

/** The client on the local store, acting as one principal. */
export class LocalOnCallChanges implements OnCallChangesClient {
  constructor(
    private readonly overrides: OnCallOverrides,
    private readonly tests: ContactTests,
    private readonly principal: Principal,
  ) {}

  createOverride(input: OverrideInput): Promise<OverrideDto> {
    return this.overrides.create(this.principal, input);
  }
  listOverrides(filter: { readonly scheduleId?: string }): Promise<OverrideDto[]> {
    return this.overrides.list(this.principal, filter);
  }
  deleteOverride(id: string): Promise<OverrideDto> {
    return this.overrides.delete(this.principal, id);
  }
  sendTestPage(personId: string, method?: string): Promise<ContactTestDto[]> {
    return this.tests.sendTest(this.principal, personId, method);
  }
  contactFindings(): Promise<readonly ContactMethodFinding[] | undefined> {
    return this.tests.findings();
  }
}
