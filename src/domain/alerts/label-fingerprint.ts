/**
 * Alertmanager's alert fingerprint (prometheus/common `LabelSet.Fingerprint`): FNV-1a 64 over the
 * label names in sorted order, each name and value followed by the 0xff separator byte, printed as
 * 16 hex digits. Computing it ourselves lets alerts posted to /api/v2/alerts, which carry no
 * fingerprint, deduplicate exactly as Alertmanager would.
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;

function add(hash: bigint, bytes: Uint8Array): bigint {
  let h = hash;
  for (const b of bytes) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  return h;
}

export function labelFingerprint(labels: Readonly<Record<string, string>>): string {
  const encoder = new TextEncoder();
  const sep = Uint8Array.of(SEPARATOR);
  let h = OFFSET;
  // Go sorts label names by byte order; plain string comparison matches it for ASCII label names.
  for (const name of Object.keys(labels).sort()) {
    h = add(h, encoder.encode(name));
    h = add(h, sep);
    h = add(h, encoder.encode(labels[name] ?? ''));
    h = add(h, sep);
  }
  return h.toString(16).padStart(16, '0');
}
