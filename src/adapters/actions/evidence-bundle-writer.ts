import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceBundle, EvidenceCollector } from '../../app/ports/index.js';
import { isoUtc } from '../../domain/time/index.js';
import type { AddressGuard } from '../outbound-net/index.js';
import { readLogSource } from './read-log-source.js';

export const EVIDENCE_FORMAT = 'incident-response-evidence/1';

/**
 * Writes evidence bundles: one JSON file per collection under `<dir>/<incident id>/`, named by
 * the instant and the rule, holding every source's content (or why it failed). The file is never
 * overwritten, is readable by its owner only, and its SHA-256 goes on the incident's timeline.
 * Loki, Splunk and Elasticsearch are asked through `guard` (built by the composition root: it trusts
 * the configured origins), their secrets read from `env`.
 */
export class EvidenceBundleWriter implements EvidenceCollector {
  constructor(private readonly dir: string, private readonly guard: AddressGuard, private readonly env: Readonly<Record<string, string | undefined>> = {}) {}

  async collect(request: Parameters<EvidenceCollector['collect']>[0]): Promise<EvidenceBundle> {
    const contents = await Promise.all(request.sources.map((s) => readLogSource(s, request.at, this.guard, this.env)));
    const document = {
      format: EVIDENCE_FORMAT,
      incident: request.incidentId,
      rule: request.rule,
      collectedAt: isoUtc(request.at),
      sources: request.sources.map((s, i) => ({ name: s.name, kind: s.kind, ...contents[i]! })),
    };
    const bytes = Buffer.from(`${JSON.stringify(document, null, 2)}\n`);
    const folder = join(this.dir, request.incidentId);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const stamp = isoUtc(request.at).replace(/[-:]/g, '');
    let path = join(folder, `${stamp}-${request.rule}.json`);
    for (let n = 2; ; n++) {
      try {
        await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw error;
        path = join(folder, `${stamp}-${request.rule}-${n}.json`);
      }
    }
    return {
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      parts: request.sources.map((s, i) => ({ source: s.name, ok: contents[i]!.ok, detail: contents[i]!.detail })),
    };
  }
}
