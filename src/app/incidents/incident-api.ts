import type { IncidentRole, IncidentType, PublicStatus, Severity } from '../../domain/classification/index.js';
import type { DeclareInput, ImpactInput, ResolutionReason } from '../../domain/incident/index.js';
import type { AuditResult } from '../audit/index.js';
import type { DeclarationPagingDto } from './declaration-paging.js';
import type { IncidentFilter } from '../ports/index.js';
import type { IncidentDto, IncidentSummaryDto, TimelineEntryDto } from './incident-dto.js';

/** The result of a command as the CLI and API report it. `changed` is false for a no-op. */
export interface CommandOutcome {
  incident: IncidentDto;
  changed: boolean;
  recorded: TimelineEntryDto[];
}

/**
 * What someone who may not see the incident they declared gets back (a responder outside the
 * security team declaring a security incident): enough to refer to it, and nothing they could not
 * see afterwards — no timeline, pages, checklist or clocks.
 */
export interface DeclarationReceipt {
  id: string;
  severity: string;
  severityLabel: string;
  type: string;
  /** The title as declared (what the declarer typed, or the default title). */
  title: string;
  declaredAt: string;
  /** The team the incident was handed to. */
  handedTo: string;
  /** One sentence for people: what happened and where news will come from. */
  message: string;
}

/** A declaration the declarer may see: the incident, and who it paged (or why no one). */
export interface DeclaredOutcome extends CommandOutcome {
  paging: DeclarationPagingDto;
}

/** A declaration: the incident and its paging, or the receipt when the declarer may not see it. */
export type DeclareOutcome = DeclaredOutcome | { receipt: DeclarationReceipt };

/** Narrows a declaration to its receipt. */
export function isDeclarationReceipt(outcome: DeclareOutcome): outcome is { receipt: DeclarationReceipt } {
  return 'receipt' in outcome;
}

/**
 * Everything a client can do with incidents, in DTOs. The CLI talks to this interface, so it
 * behaves the same against the local store and against a server.
 */
export interface IncidentApi {
  /** The incident, or only a receipt when the caller may not see what they declared. */
  declare(input: DeclareInput): Promise<DeclareOutcome>;
  acknowledge(id: string): Promise<CommandOutcome>;
  mitigate(id: string, note?: string): Promise<CommandOutcome>;
  postStatusUpdate(id: string, status: PublicStatus, message: string): Promise<CommandOutcome>;
  assignRole(id: string, role: IncidentRole, person: string): Promise<CommandOutcome>;
  setStep(id: string, step: string, done: boolean): Promise<CommandOutcome>;
  changeSeverity(id: string, to: Severity, reason?: string): Promise<CommandOutcome>;
  changeType(id: string, to: IncidentType, reason?: string): Promise<CommandOutcome>;
  /** `declared-by-mistake` keeps the record but leaves it out of MTTR, and closing it needs no review. */
  resolve(id: string, summary: string, reason?: ResolutionReason): Promise<CommandOutcome>;
  reopen(id: string, reason?: string): Promise<CommandOutcome>;
  close(id: string): Promise<CommandOutcome>;
  addNote(id: string, text: string): Promise<CommandOutcome>;
  /** Records the business impact as assessed now (customers affected, revenue at risk per minute …). */
  assessImpact(id: string, input: ImpactInput): Promise<CommandOutcome>;
  get(id: string): Promise<IncidentDto>;
  /** `get` as JSON text, byte for byte `JSON.stringify(await get(id))`; where present the HTTP API answers with it. */
  getJson?(id: string): Promise<string>;
  /** Newest first, as list summaries; the whole incident is `get`. */
  list(filter: IncidentFilter): Promise<IncidentSummaryDto[]>;
  timeline(id: string): Promise<TimelineEntryDto[]>;
  verifyAudit(): Promise<AuditResult>;
}

