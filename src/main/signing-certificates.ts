import { get } from 'node:https';
import { AddressGuard } from '../adapters/metrics/index.js';
import { isTrustedSigningCertUrl } from '../adapters/ingest/index.js';

/** Fetches the PEM at a signing-certificate URL. Injectable so tests can serve their own certificate. */
export type FetchSigningCertificate = (url: string) => Promise<string>;

const FETCH_TIMEOUT_MS = 5_000;
const MAX_PEM_BYTES = 64 * 1024;

/**
 * The production fetcher for SNS signing certificates: only an https SNS URL ending in .pem (the
 * parser checked it already; checked again here), never a loopback/private address (the check runs
 * on the address connected to), a 5 s timeout, at most 64 KB, and it must be a PEM certificate.
 */
export const fetchSnsSigningCertificate: FetchSigningCertificate = (url) => {
  if (!isTrustedSigningCertUrl(url)) return Promise.reject(new Error(`not an Amazon SNS signing certificate URL: ${url.slice(0, 200)}`));
  const guard = new AddressGuard([]);
  return new Promise<string>((resolve, reject) => {
    const request = get(url, { lookup: guard.lookup as never, timeout: FETCH_TIMEOUT_MS }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`SigningCertURL answered ${response.statusCode ?? 'nothing'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_PEM_BYTES) {
          request.destroy(new Error('signing certificate larger than 64 KB'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        const pem = Buffer.concat(chunks).toString('utf8');
        if (pem.includes('-----BEGIN CERTIFICATE-----')) resolve(pem);
        else reject(new Error('SigningCertURL did not return a PEM certificate'));
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`signing certificate fetch timed out after ${FETCH_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
};

export interface CertificateCacheOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * Certificates by URL for 24 h (bounded; SNS rotates them under new URLs). Concurrent requests
 * for one URL share one fetch; a failed fetch is not cached.
 */
export function cachedCertificates(fetcher: FetchSigningCertificate, options: CertificateCacheOptions = {}): FetchSigningCertificate {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 100;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { pem: Promise<string>; until: number }>();
  return (url) => {
    const hit = cache.get(url);
    if (hit !== undefined && hit.until > now()) return hit.pem;
    cache.delete(url);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    const pem = fetcher(url);
    cache.set(url, { pem, until: now() + ttlMs });
    pem.catch(() => {
      if (cache.get(url)?.pem === pem) cache.delete(url);
    });
    return pem;
  };
}
