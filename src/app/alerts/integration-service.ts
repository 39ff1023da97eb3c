import { requirePermission, type Principal } from '../../domain/access/index.js';
import { parseLabelMatcher, type RoutingRule } from '../../domain/alerts/index.js';
import { parseEnvironment, parseIncidentType, parseSeverity } from '../../domain/classification/index.js';
import { AppError } from '../../domain/errors/index.js';
import type { Clock, IntegrationRecord, SecretSource } from '../ports/index.js';
import type { AlertStore } from '../ports/index.js';

/** Every integration key starts with this, so secret scanners and people recognise one. */
export const INTEGRATION_KEY_PREFIX = 'iri_';
const KEY_SHAPE = /^iri_[A-Za-z0-9_-]{43}$/;
const NAME_SHAPE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** A routing rule as an admin writes it: matchers as text (`severity="critical"`). */
export interface RoutingRuleInput {
  readonly name?: string;
  readonly match: readonly string[];
  readonly severity?: string;
  readonly type?: string;
  readonly environment?: string;
  readonly service?: string;
}

export interface CreateIntegrationInput {
  readonly source: string;
  readonly name: string;
  readonly service?: string;
  readonly routing?: readonly RoutingRuleInput[];
}

/** An integration as shown: never the key, only its prefix. */
export interface IntegrationDto {
  readonly id: string;
  readonly source: string;
  readonly name: string;
  readonly service?: string;
  readonly prefix: string;
  readonly routing: readonly RoutingRule[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
}

export interface CreatedIntegration {
  /** The only time the key is shown; only its SHA-256 is stored. */
  readonly key: string;
  readonly integration: IntegrationDto;
}

/**
 * Integration keys (PagerDuty routing_key, Opsgenie GenieKey, URL keys): create (shown once),
 * list, revoke — admins only, each audited — and authenticate a key to its integration.
 */
export class IntegrationService {
  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
    private readonly secrets: SecretSource,
    private readonly sources: readonly string[],
  ) {}

  async create(input: CreateIntegrationInput, actor: Principal): Promise<CreatedIntegration> {
    requirePermission(actor, 'config:manage');
    if (!this.sources.includes(input.source)) {
      throw new AppError('VALIDATION', `unknown source '${input.source}'; one of: ${this.sources.join(', ')}`, { issues: [{ path: 'source', message: 'not an ingest source' }] });
    }
    const name = input.name.trim();
    if (!NAME_SHAPE.test(name)) throw new AppError('VALIDATION', `name '${name.slice(0, 64)}' must be 1–64 letters, digits, '.', '_' or '-'`, { issues: [{ path: 'name', message: 'invalid name' }] });
    const service = input.service?.trim() || undefined;
    if (service !== undefined && !/^[a-z0-9][a-z0-9._-]{0,99}$/i.test(service)) {
      throw new AppError('VALIDATION', `service '${service.slice(0, 64)}' must be 1–100 letters, digits, '.', '_' or '-'`, { issues: [{ path: 'service', message: 'invalid service name' }] });
    }
    const routing = (input.routing ?? []).map(parseRoutingRule);
    const key = INTEGRATION_KEY_PREFIX + this.secrets.randomBase64Url(32);
    const now = this.clock.now();
    const record: IntegrationRecord = {
      id: `int_${this.secrets.randomBase64Url(9)}`, source: input.source, name, service, keyHash: this.secrets.sha256Hex(key),
      prefix: key.slice(0, INTEGRATION_KEY_PREFIX.length + 6), routing, createdAt: now, createdBy: actor.name, revokedAt: undefined,
    };
    await this.store.createIntegration(record, { at: now, actor: actor.name, action: 'integration.create', subject: record.id, detail: { name, source: input.source, service: service ?? null } });
    return { key, integration: toIntegrationDto(record) };
  }

  async list(actor: Principal): Promise<IntegrationDto[]> {
    requirePermission(actor, 'config:manage');
    return (await this.store.listIntegrations()).map(toIntegrationDto);
  }

  async revoke(idOrName: string, actor: Principal): Promise<IntegrationDto> {
    requirePermission(actor, 'config:manage');
    const now = this.clock.now();
    const record = await this.store.revokeIntegration(idOrName.trim(), { at: now, actor: actor.name, action: 'integration.revoke', subject: idOrName.trim(), detail: {} });
    if (record === undefined) throw new AppError('NOT_FOUND', `No integration with id or name '${idOrName}'. List them with "incident-response integration list".`);
    return toIntegrationDto(record);
  }

  /**
   * The live integration of `source` a key belongs to, or undefined. Keys of our own shape are
   * looked up by hash; senders that cannot hold our shape (an SNS topic) never match.
   */
  async authenticate(source: string, key: string): Promise<IntegrationRecord | undefined> {
    if (!KEY_SHAPE.test(key)) return undefined;
    const record = await this.store.findIntegrationByHash(this.secrets.sha256Hex(key));
    if (record === undefined || record.revokedAt !== undefined || record.source !== source) return undefined;
    return record;
  }
}

function parseRoutingRule(input: RoutingRuleInput, index: number): RoutingRule {
  if (input.match.length === 0) {
    throw new AppError('VALIDATION', `routing rule ${index + 1} has no matchers; add at least one, e.g. severity="critical"`, { issues: [{ path: `routing[${index}].match`, message: 'empty' }] });
  }
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    matchers: input.match.map(parseLabelMatcher),
    ...(input.severity !== undefined ? { severity: parseSeverity(input.severity) } : {}),
    ...(input.type !== undefined ? { incidentType: parseIncidentType(input.type) } : {}),
    ...(input.environment !== undefined ? { environment: parseEnvironment(input.environment) } : {}),
    ...(input.service !== undefined ? { service: input.service } : {}),
  };
}

export function toIntegrationDto(r: IntegrationRecord): IntegrationDto {
  return {
    id: r.id, source: r.source, name: r.name, ...(r.service !== undefined ? { service: r.service } : {}), prefix: r.prefix, routing: r.routing,
    createdAt: new Date(r.createdAt).toISOString(), createdBy: r.createdBy, ...(r.revokedAt !== undefined ? { revokedAt: new Date(r.revokedAt).toISOString() } : {}),
  };
}
