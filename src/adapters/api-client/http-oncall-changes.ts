import { z } from 'zod';
import type { ContactTestDto } from '../../app/contact-tests/index.js';
import type { OnCallChangesClient, OverrideDto, OverrideInput } from '../../app/oncall-overrides/index.js';
import type { ContactMethodFinding } from '../../domain/oncall/index.js';
import { ApiTransport, type ApiTransportOptions } from './api-transport.js';

const overrideShape = z.object({ override: z.object({ id: z.string() }) });
const itemsShape = z.object({ items: z.array(z.object({ id: z.string() })) });

/** On-call changes against a server: /api/v1/oncall/overrides and /api/v1/people/{id}/test-page. */
export class HttpOnCallChanges implements OnCallChangesClient {
  readonly #transport: ApiTransport;

  constructor(options: ApiTransportOptions) {
    this.#transport = new ApiTransport(options);
  }

  async createOverride(input: OverrideInput): Promise<OverrideDto> {
    const body = {
      scheduleId: input.scheduleId, personId: input.personId,
      from: typeof input.from === 'number' ? new Date(input.from).toISOString() : input.from,
      to: typeof input.to === 'number' ? new Date(input.to).toISOString() : input.to,
      ...(input.replacesPersonId !== undefined ? { replacesPersonId: input.replacesPersonId } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    };
    return ((await this.#transport.json('POST', '/oncall/overrides', body, overrideShape)) as { override: OverrideDto }).override;
  }

  async listOverrides(filter: { readonly scheduleId?: string }): Promise<OverrideDto[]> {
    const query = filter.scheduleId === undefined ? '' : `?schedule=${encodeURIComponent(filter.scheduleId)}`;
    return ((await this.#transport.json('GET', `/oncall/overrides${query}`, undefined, itemsShape)) as { items: OverrideDto[] }).items;
  }

  async deleteOverride(id: string): Promise<OverrideDto> {
    return ((await this.#transport.json('DELETE', `/oncall/overrides/${encodeURIComponent(id)}`, undefined, overrideShape)) as { override: OverrideDto }).override;
  }

  async sendTestPage(personId: string, method?: string): Promise<ContactTestDto[]> {
    const body = method === undefined ? {} : { method };
    return ((await this.#transport.json('POST', `/people/${encodeURIComponent(personId)}/test-page`, body, itemsShape)) as { items: ContactTestDto[] }).items;
  }

  /** The server does not publish contact-test findings; `escalation lint` reports them where the database is. */
  async contactFindings(): Promise<readonly ContactMethodFinding[] | undefined> {
    return undefined;
  }
}
