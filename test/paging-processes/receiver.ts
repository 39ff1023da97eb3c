// A local webhook endpoint that keeps every delivery it receives, by Standard Webhooks id.
import { createServer, type Server } from 'node:http';

export interface Delivery {
  readonly webhookId: string;
  readonly at: number;
  readonly body: { readonly data?: { readonly incident?: { readonly id?: string } } };
}

export interface Receiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Distinct webhook ids received. */
  distinct(): number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      deliveries.push({ webhookId: String(req.headers['webhook-id'] ?? ''), at: Date.now(), body: JSON.parse(body) as Delivery['body'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/pages`,
    deliveries,
    distinct: () => new Set(deliveries.map((d) => d.webhookId)).size,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** One person paged by webhook at T+0 and again at T+30 through the only step's repeat. */
export function pagingConfig(receiverUrl: string, leaseSeconds = 3): string {
  return `
services:
  shard: { name: Shard, escalation_policy: hooks }
people:
  hook:
    name: Pager hook
    contact_methods:
      - { kind: webhook, address: "${receiverUrl}" }
    notification_rules:
      - { after_minutes: 0, method: webhook }
escalation_policies:
  hooks:
    name: Hooks
    steps:
      - targets: [{ person: hook }]
      - delay_minutes: 30
        targets: [{ person: hook }]
channels:
  webhooks: { signing_secret_env: IR_TEST_WEBHOOK_SECRET }
  allow_private_addresses: ["127.0.0.1/32"]
paging:
  war_room_severities: []
  engine: { lease: ${leaseSeconds}s }
`;
}

export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
