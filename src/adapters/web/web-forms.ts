import { z } from 'zod';
import { ENVIRONMENTS, INCIDENT_ROLES, INCIDENT_TYPES, PUBLIC_STATUSES, SEVERITIES } from '../../domain/classification/index.js';
import { AppError, findNulCharacter, nulCharacterError } from '../../domain/errors/index.js';

/** A required text field: trimmed, not empty, at most `max` characters. */
const text = (max: number) => z.string().trim().min(1, 'required').max(max, `longer than ${max} characters`);
/** An optional text field: an empty one is absent. */
const optionalText = (max: number) => z.string().trim().max(max, `longer than ${max} characters`).transform((v) => (v === '' ? undefined : v)).optional();
/** Lines of a textarea, trimmed, empty lines dropped. */
const lines = (max: number) => z.string().max(max, `longer than ${max} characters`).optional()
  .transform((v) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== ''));

/** Every form the web app accepts, by name; each form also carries `_csrf`, checked by the session plugin. */
export const FORMS = {
  signIn: z.object({ token: text(200) }),
  declare: z.object({
    severity: z.enum(SEVERITIES), type: z.enum(INCIDENT_TYPES), environment: z.enum(ENVIRONMENTS),
    title: text(2000), service: optionalText(100), summary: optionalText(4000),
  }),
  mitigate: z.object({ note: optionalText(4000) }),
  step: z.object({ step: text(100), done: z.enum(['true', 'false']).default('true') }),
  update: z.object({ status: z.enum(PUBLIC_STATUSES), message: text(4000) }),
  role: z.object({ role: z.enum(INCIDENT_ROLES), person: text(200) }),
  severity: z.object({ severity: z.enum(SEVERITIES), reason: optionalText(2000) }),
  type: z.object({ type: z.enum(INCIDENT_TYPES), reason: optionalText(2000) }),
  resolve: z.object({ summary: text(4000) }),
  reopen: z.object({ reason: optionalText(2000) }),
  note: z.object({ text: text(4000) }),
  pagePerson: z.object({ incident: text(100), person: text(100) }),
  takeShift: z.object({ schedule: text(100), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  testPage: z.object({ method: text(20) }),
  rca: z.object({ rootCause: optionalText(4000), impact: optionalText(4000), addFactors: lines(8000), addActions: lines(8000) }),
} as const;

const LABELS: Record<string, string> = { text: 'the note', message: 'the message', summary: 'the summary', person: 'the person', token: 'the token', title: 'the title' };

/**
 * A posted form read by its schema; VALIDATION naming each field that is missing, too long or not
 * one of its choices (the same issues shape as the API). Repeated fields keep their first value.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const form: Record<string, string> = {};
  if (body !== null && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') form[k] = first;
    }
  }
  const nul = findNulCharacter(form);
  if (nul !== undefined) throw nulCharacterError(nul);
  const parsed = schema.safeParse(form);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.code === 'invalid_value' ? `choose one of the listed values` : i.message === 'Invalid input: expected string, received undefined' ? 'required' : i.message }));
  const first = issues[0]!;
  const name = LABELS[first.path] ?? first.path;
  const message = first.message === 'required' ? `Fill in ${name}.` : `Check ${name}: ${first.message}.`;
  throw new AppError('VALIDATION', message, { issues });
}
