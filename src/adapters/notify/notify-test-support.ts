// Test support: sample messages, a fixed clock, and a local HTTP server (127.0.0.1, a free port) that records what arrived and answers
// as each test scripts it, standing in for Slack, Twilio, Teams, PagerDuty and webhook receivers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, OutboundMessage } from '../../app/ports/index.js';
import { epochMs } from '../../domain/time/index.js';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON. */
  readonly body?: string | object;
  /** Never answer (the client's timeout is under test). */
  readonly hang?: boolean;
  /** Answer once this settles (something must happen while the request is in flight). */
  readonly after?: Promise<unknown>;
}

export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(answer: (req: RecordedRequest, index: number) => ScriptedReply): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const reply = answer(recorded, requests.length - 1);
      if (reply.hang) return;
      const send = () => {
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const type = typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {};
        res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
        res.end(body);
      };
      if (reply.after === undefined) send();
      else void reply.after.then(send);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}


/** 2026-11-28T14:05:00Z */
export const NOW = epochMs(Date.UTC(2026, 10, 28, 14, 5, 0));
export const fixedClock: Clock = { now: () => NOW };

export function sampleMessage(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    id: 'msg_01HZX3K9Q8',
    idempotencyKey: 'INC-2026-1128-001:1:0:0:alice:sms',
    channel: 'webhook',
    address: 'http://127.0.0.1/',
    purpose: 'page',
    subject: '[SEV-1] INC-2026-1128-001 Checkout API down',
    text: 'Checkout API down (critical, production, checkout-api).\nAcknowledge: incident-response ack INC-2026-1128-001',
    incident: {
      id: 'INC-2026-1128-001',
      title: 'Checkout API down',
      severity: 'critical',
      severityLabel: 'SEV-1',
      incidentType: 'outage',
      environment: 'production',
      service: 'checkout-api',
      status: 'investigating',
      declaredAt: epochMs(Date.UTC(2026, 10, 28, 14, 0, 0)),
      url: 'https://ir.example.com/incidents/INC-2026-1128-001',
    },
    recipientName: 'Alice Chen',
    attempt: 1,
    createdAt: epochMs(Date.UTC(2026, 10, 28, 14, 1, 0)),
    ...overrides,
  };
}
