import { createVerify } from 'node:crypto';
import type { SnsMessage } from './sns-cloudwatch-schema.js';

export type SnsSignatureResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'untrusted-certificate-url' | 'bad-certificate' | 'bad-signature' };

/** https://sns.<region>.amazonaws.com[.cn]/… — the only hosts we fetch certificates from or confirm at. */
export function isAwsSnsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(u.hostname) && u.port === '';
  } catch {
    return false;
  }
}

/** The certificate URL must be an SNS host serving a .pem. */
export function isTrustedSigningCertUrl(url: string): boolean {
  return isAwsSnsUrl(url) && new URL(url).pathname.endsWith('.pem');
}

/**
 * The string SNS signs: "Key\nvalue\n" for each field in this order, Subject only when present
 * (Notification) or Token and SubscribeURL (confirmations).
 */
export function snsStringToSign(m: SnsMessage): string {
  const fields: [string, string | undefined][] = m.Type === 'Notification'
    ? [['Message', m.Message], ['MessageId', m.MessageId], ['Subject', m.Subject], ['Timestamp', m.Timestamp], ['TopicArn', m.TopicArn], ['Type', m.Type]]
    : [['Message', m.Message], ['MessageId', m.MessageId], ['SubscribeURL', m.SubscribeURL], ['Timestamp', m.Timestamp], ['Token', m.Token], ['TopicArn', m.TopicArn], ['Type', m.Type]];
  return fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}\n${v}\n`).join('');
}

/**
 * SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, Base64. The caller fetches the PEM from
 * `SigningCertURL` (after `isTrustedSigningCertUrl`) and may cache it; no I/O here.
 * `checkCertificateUrl: false` is for tests that sign with their own certificate.
 */
export function verifySnsSignature(m: SnsMessage, certificatePem: string, options: { checkCertificateUrl?: boolean } = {}): SnsSignatureResult {
  if ((options.checkCertificateUrl ?? true) && !isTrustedSigningCertUrl(m.SigningCertURL)) return { ok: false, reason: 'untrusted-certificate-url' };
  const verifier = createVerify(m.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(snsStringToSign(m), 'utf8');
  try {
    return verifier.verify(certificatePem, m.Signature, 'base64') ? { ok: true } : { ok: false, reason: 'bad-signature' };
  } catch {
    return { ok: false, reason: 'bad-certificate' };
  }
}
