import type { Clock } from '../app/ports/index.js';
import { AppError } from '../domain/errors/index.js';
import { epochMs } from '../domain/time/index.js';

/**
 * The wall clock, or a fixed instant when IR_NOW is set (ISO-8601): drills, screenshots and tests
 * replay a scenario at a known time.
 */
export function createClock(env: Readonly<Record<string, string | undefined>>): Clock {
  const fixed = env['IR_NOW'];
  if (fixed === undefined || fixed === '') return { now: () => epochMs(Date.now()) };
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION', `IR_NOW='${fixed}' is not an ISO-8601 time such as 2026-11-28T14:30:00Z`);
  return { now: () => epochMs(ms) };
}
