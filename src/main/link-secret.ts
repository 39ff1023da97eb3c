// The key one-tap links (acknowledgement, survey) are signed with.
import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors/index.js';

export const ACK_LINK_SECRET_ENV = 'IR_ACK_LINK_SECRET';

/**
 * The signing secret: `IR_ACK_LINK_SECRET` (32+ characters), else derived from `IR_SESSION_SECRET`,
 * else random for this process (links then die with it, and other servers cannot open them).
 * Never logged.
 */
export function ackLinkSecret(env: Readonly<Record<string, string | undefined>>): Buffer {
  const own = env[ACK_LINK_SECRET_ENV]?.trim();
  if (own !== undefined && own !== '') {
    if (own.length < 32) throw new AppError('CONFIG_INVALID', `The environment variable ${ACK_LINK_SECRET_ENV} is too short: it needs 32 characters or more. Set it to a long random value, e.g. from "openssl rand -base64 32".`);
    return Buffer.from(own, 'utf8');
  }
  const session = env['IR_SESSION_SECRET']?.trim();
  if (session !== undefined && session.length >= 32) return createHmac('sha256', session).update('incident-response acknowledgement links').digest();
  return randomBytes(32);
}
