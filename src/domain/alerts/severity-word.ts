import { findSeverity } from '../classification/index.js';
import type { Severity } from '../classification/index.js';

// Words monitoring tools use for severity, mapped onto our four levels.
const WORDS: Record<string, Severity> = {
  critical: 'critical', crit: 'critical', page: 'critical', fatal: 'critical', emergency: 'critical', p1: 'critical', disaster: 'critical',
  high: 'high', error: 'high', err: 'high', major: 'high', p2: 'high',
  medium: 'medium', warning: 'medium', warn: 'medium', moderate: 'medium', average: 'medium', p3: 'medium',
  low: 'low', info: 'low', informational: 'low', minor: 'low', notice: 'low', debug: 'low', none: 'low', p4: 'low', p5: 'low',
};

/** "warning" → medium, "P1" → critical, "sev2" → high; undefined when the word means nothing to us. */
export function severityFromWord(word: string | undefined): Severity | undefined {
  if (word === undefined) return undefined;
  const w = word.trim().toLowerCase();
  return WORDS[w] ?? findSeverity(w);
}
