import { AppError, unknownValueMessage } from '../errors/index.js';

/** What customers are told (the status page's vocabulary), separate from the internal lifecycle. */
export const PUBLIC_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function parsePublicStatus(input: string): PublicStatus {
  const t = input.trim().toLowerCase();
  if ((PUBLIC_STATUSES as readonly string[]).includes(t)) return t as PublicStatus;
  throw new AppError('VALIDATION', unknownValueMessage('status', input, PUBLIC_STATUSES), {
    issues: [{ path: 'status', message: `unknown status '${input}'` }],
  });
}
