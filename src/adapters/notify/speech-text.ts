import type { OutboundMessage } from '../../app/ports/index.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Spoken at a calm pace this is about a minute; a call is a prompt to look, not the whole story. */
const MAX_SPOKEN = 900;

/**
 * A message as a voice call reads it: links dropped, "SEV-1" as "severity 1",
 * "INC-2026-1128-001" as "incident 1 of November 28" (SEC-… as "security incident …"), one sentence per line, at most ~900 characters.
 */
export function speechText(message: OutboundMessage): string {
  const lines = [message.subject, ...message.text.split('\n')]
    .map((l) => l.trim())
    .filter((l, i, all) => l !== '' && !(i === 1 && l === all[0]));
  let text = lines.map((l) => (/[.!?]$/.test(l) ? l : `${l}.`)).join(' ');
  text = text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b(INC|SEC)-(\d{4})-(\d{2})(\d{2})-(\d{3,})\b/g, (_m, prefix: string, _y: string, mm: string, dd: string, n: string) =>
      `${prefix === 'SEC' ? 'security incident' : 'incident'} ${Number(n)} of ${MONTHS[Number(mm) - 1] ?? mm} ${Number(dd)}`)
    .replace(/\bSEV-?(\d)\b/gi, 'severity $1')
    .replace(/[*_`#|[\]{}]+/g, ' ')
    .replace(/\s+([.,!?])/g, '$1')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_SPOKEN) return text;
  const cut = text.slice(0, MAX_SPOKEN);
  const end = cut.lastIndexOf('. ');
  return end > MAX_SPOKEN / 2 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}.`;
}

/** Text safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
