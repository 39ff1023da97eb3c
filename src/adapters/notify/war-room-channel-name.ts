/** Slack's limit for a channel name. */
const MAX_CHANNEL_NAME = 80;

/**
 * The war room's Slack channel name: the incident id, then the title, as Slack allows them (lower
 * case letters, digits, '-' and '_', at most 80 characters): INC-2026-1128-001 "Checkout API down"
 * → "inc-2026-1128-001-checkout-api-down". Accents are dropped ("Café" → "cafe"); the title is cut
 * at a word boundary when long, never the id.
 */
export function warRoomChannelName(incidentId: string, title: string): string {
  const id = slug(incidentId);
  const words = slug(title);
  if (words === '') return id.slice(0, MAX_CHANNEL_NAME);
  const room = MAX_CHANNEL_NAME - id.length - 1;
  if (room <= 0) return id.slice(0, MAX_CHANNEL_NAME);
  let rest = words;
  if (rest.length > room) {
    const cut = rest.slice(0, room + 1);
    const end = cut.lastIndexOf('-');
    rest = end > 0 ? cut.slice(0, end) : rest.slice(0, room);
  }
  rest = rest.replace(/[-_]+$/, '');
  return rest === '' ? id : `${id}-${rest}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}
