// A push service for tests: a local HTTP server standing in for the browser vendor's endpoint. It
// holds the browser side of a subscription (a P-256 key pair and the auth secret), DECRYPTS each
// message per RFC 8291 / RFC 8188 (aes128gcm) with node:crypto ECDH and HKDF, and checks the VAPID
// JWT (RFC 8292) in the Authorization header: ES256 over the key in `k`, audience our origin, expiry.
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The decrypted payload as text. */
  readonly plaintext: string;
  /** The VAPID claims, when the JWT verified against `k`. */
  readonly vapid: { readonly publicKey: string; readonly claims: { aud: string; exp: number; sub: string } };
}

export interface PushReceiver {
  readonly url: string;
  /** The subscription a browser would hand to the server (PushSubscription.toJSON()). */
  subscription(name: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  readonly received: ReceivedPush[];
  /** Problems found in requests (undecryptable, bad JWT): a test asserts there are none. */
  readonly problems: string[];
  /** Endpoints answering 410 Gone from now on (the browser unsubscribed). */
  readonly gone: Set<string>;
  close(): Promise<void>;
}

interface BrowserKeys {
  readonly ecdh: ReturnType<typeof createECDH>;
  readonly publicKey: Buffer;
  readonly auth: Buffer;
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const browsers = new Map<string, BrowserKeys>();
  const received: ReceivedPush[] = [];
  const problems: string[] = [];
  const gone = new Set<string>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const name = path.replace(/^\/push\//, '');
      const keys = browsers.get(name);
      if (gone.has(name) || keys === undefined) {
        res.writeHead(410).end();
        return;
      }
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding is ${String(req.headers['content-encoding'])}`);
        const vapid = checkVapid(req.headers.authorization ?? '', origin);
        const plaintext = decryptAes128gcm(Buffer.concat(chunks), keys).toString('utf8');
        received.push({ path, headers: req.headers, plaintext, vapid });
        res.writeHead(201, { location: `${origin}/messages/${received.length}` }).end();
      } catch (e) {
        problems.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    received,
    problems,
    gone,
    subscription(name) {
      let keys = browsers.get(name);
      if (keys === undefined) {
        const ecdh = createECDH('prime256v1');
        const publicKey = ecdh.generateKeys();
        keys = { ecdh, publicKey, auth: randomBytes(16) };
        browsers.set(name, keys);
      }
      return { endpoint: `${origin}/push/${name}`, keys: { p256dh: keys.publicKey.toString('base64url'), auth: keys.auth.toString('base64url') } };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** RFC 8291 §3.4 and RFC 8188 §2: one record, the last (delimiter 0x02). */
function decryptAes128gcm(body: Buffer, keys: BrowserKeys): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, expected the sender's 65-byte public key`);
  const records = body.subarray(21 + idLength);
  if (records.length > recordSize) throw new Error(`more than one record (${records.length} > rs ${recordSize})`);
  const ecdhSecret = keys.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('the last record does not end with the 0x02 delimiter');
  return padded.subarray(0, end);
}

/** `vapid t=<jwt>, k=<key>` (RFC 8292 §3): verifies the ES256 signature with `k` and reads the claims. */
function checkVapid(header: string, origin: string): ReceivedPush['vapid'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (m === null) throw new Error(`Authorization is not "vapid t=…, k=…": ${header}`);
  const [, jwt, k] = m as unknown as [string, string, string];
  const [head, body, signature] = jwt.split('.') as [string, string, string];
  const header0 = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  if (header0.alg !== 'ES256') throw new Error(`JWT alg is ${String(header0.alg)}`);
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))) throw new Error('the VAPID JWT signature does not verify');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  if (claims.aud !== origin) throw new Error(`JWT aud is ${claims.aud}, expected ${origin}`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`JWT exp ${claims.exp} is not within 24 hours`);
  return { publicKey: k, claims };
}
