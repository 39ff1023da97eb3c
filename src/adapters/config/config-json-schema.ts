import { z } from 'zod';
import { DEFAULT_RESPONSE_CONFIG } from '../../app/config/index.js';
import { buildConfigSchema } from './config-schema.js';

/**
 * JSON Schema (draft 2020-12) of the config file as written, for editors (yaml-language-server) and
 * docs/config.schema.json. It describes shape only; meaning (durations, zones, phase timing) is
 * checked when the file is loaded.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(buildConfigSchema(DEFAULT_RESPONSE_CONFIG), { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
