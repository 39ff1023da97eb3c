import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TicketsConfig } from '../../app/config/index.js';
import type { TicketRequest } from '../../app/ports/index.js';
import { isAppError } from '../../domain/errors/index.js';
import { AddressGuard } from '../outbound-net/index.js';
import { CherwellTickets } from './cherwell-tickets.js';
import { createTicketGateway } from './index.js';
import { RemedyTickets } from './remedy-tickets.js';

type RemedyTicketsConfig = NonNullable<TicketsConfig['remedy']>;
type CherwellTicketsConfig = NonNullable<TicketsConfig['cherwell']>;

// Local servers speaking the documented APIs: BMC's AR System REST API (jwt/login, arsys/v1/entry
// on HPD:IncidentInterface_Create and HPD:IncidentInterface, jwt/logout) and Cherwell's REST API
// (token, getbusinessobjectsummary, getbusinessobjecttemplate, savebusinessobject, getbusinessobject).

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; raw: string; json: unknown; form: URLSearchParams }
type Handler = (req: Seen, res: ServerResponse) => void;

async function localServer(handler: () => Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      let json: unknown;
      try { json = raw === '' ? undefined : JSON.parse(raw); } catch { json = undefined; }
      const s: Seen = { method: req.method ?? '', url: decodeURIComponent(req.url ?? ''), headers: req.headers, raw, json, form: new URLSearchParams(raw) };
      seen.push(s);
      handler()(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));

async function failure(p: Promise<unknown>) {
  try { await p; } catch (e) { if (isAppError(e)) return { code: e.code, message: e.message, hint: e.hint }; throw e; }
  throw new Error('expected a failure');
}

const REQUEST: TicketRequest = {
  incidentId: 'INC-2026-1205-004', severity: 'critical', environment: 'production', service: 'checkout',
  summary: 'INC-2026-1205-004: Checkout failing for all card payments', description: ['SEV-1 production incident', 'Impact: card payments fail'],
  priority: 'critical',
};
const REMEDY_PASSWORD = 'remedy-pass-9d8c7b';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.remedy-session-token';
const CHERWELL_PASSWORD = 'cherwell-pass-1a2b3c';
const CLIENT_ID = 'c0ffee00-1234-4abc-9def-000000000001';
const ACCESS_TOKEN = 'cherwell-access-token-xyz';
const env = { REMEDY_PASSWORD, CHERWELL_PASSWORD, CHERWELL_CLIENT_ID: CLIENT_ID };

describe('BMC Helix ITSM / Remedy tickets', () => {
  let remedy: Awaited<ReturnType<typeof localServer>>;
  let status = 'Assigned';
  let handler: Handler;
  const standard: Handler = (req, res) => {
    if (req.method === 'POST' && req.url === '/api/jwt/login') {
      return req.form.get('username') === 'ir-integration' && req.form.get('password') === REMEDY_PASSWORD ? send(res, 200, JWT) : send(res, 401, [{ messageType: 'ERROR', messageText: 'Authentication failed', messageNumber: 623 }]);
    }
    if (req.headers['authorization'] !== `AR-JWT ${JWT}`) return send(res, 401, [{ messageType: 'ERROR', messageText: 'Authentication failed', messageNumber: 623 }]);
    if (req.method === 'POST' && req.url === '/api/jwt/logout') return send(res, 204, '');
    if (req.method === 'POST' && req.url === '/api/arsys/v1/entry/HPD:IncidentInterface_Create?fields=values(Incident Number,Request ID)') {
      const values = (req.json as { values?: Record<string, string> } | undefined)?.values;
      if (values?.['z1D_Action'] !== 'CREATE' || !values['Description']) return send(res, 400, [{ messageType: 'ERROR', messageText: 'Required field cannot be blank.', messageAppendedText: 'HPD:IncidentInterface_Create : Description', messageNumber: 326 }]);
      return send(res, 201, { values: { 'Incident Number': 'INC000000001234', 'Request ID': '000000000000412' } }, { location: `${remedy.url}/api/arsys/v1/entry/HPD:IncidentInterface_Create/000000000000412` });
    }
    if (req.method === 'GET' && req.url.startsWith('/api/arsys/v1/entry/HPD:IncidentInterface?q=')) {
      const found = req.url.includes(`'Incident Number'="INC000000001234"`);
      return send(res, 200, { entries: found ? [{ values: { 'Request ID': '000000000000412|000000000000412', 'Incident Number': 'INC000000001234', Status: status } }] : [] });
    }
    if (req.method === 'PUT' && req.url === '/api/arsys/v1/entry/HPD:IncidentInterface/000000000000412|000000000000412') {
      status = (req.json as { values: { Status: string } }).values.Status;
      return send(res, 204, '');
    }
    return send(res, 404, [{ messageType: 'ERROR', messageText: 'Form does not exist on server', messageNumber: 303 }]);
  };
  before(async () => { remedy = await localServer(() => handler); });
  after(async () => { await remedy.close(); });
  beforeEach(() => { remedy.seen.length = 0; status = 'Assigned'; handler = standard; });

  const config = (): RemedyTicketsConfig => ({
    baseUrl: remedy.url, username: 'ir-integration', passwordEnv: 'REMEDY_PASSWORD', firstName: 'Incident', lastName: 'Response',
    serviceType: 'Infrastructure Event', reportedSource: 'Systems Management', assignedGroup: 'Payments Ops', doneStatuses: ['resolved', 'closed', 'cancelled'],
  });
  const adapter = () => new RemedyTickets(config(), env, new AddressGuard([], 'tickets.allow_private_addresses', [remedy.url]));

  it('logs in for a JWT, creates the incident through HPD:IncidentInterface_Create with impact and urgency from the priority, and logs out', async () => {
    const gateway = createTicketGateway({ remedy: config() }, env, () => 0);
    assert.deepEqual(gateway.systems, ['remedy']);
    const created = await gateway.create('remedy', REQUEST);
    assert.deepEqual(created, { key: 'INC000000001234', externalId: '000000000000412', status: 'Assigned' });
    assert.deepEqual(remedy.seen.map((s) => `${s.method} ${s.url.split('?')[0]}`), ['POST /api/jwt/login', 'POST /api/arsys/v1/entry/HPD:IncidentInterface_Create', 'POST /api/jwt/logout']);
    assert.equal(remedy.seen[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
    const values = (remedy.seen[1]!.json as { values: Record<string, string> }).values;
    assert.deepEqual(values, {
      First_Name: 'Incident', Last_Name: 'Response', Description: REQUEST.summary, Detailed_Decription: 'SEV-1 production incident\nImpact: card payments fail',
      Impact: '1-Extensive/Widespread', Urgency: '1-Critical', Status: 'Assigned', 'Reported Source': 'Systems Management', Service_Type: 'Infrastructure Event',
      'Assigned Group': 'Payments Ops', z1D_Action: 'CREATE',
    });
  });

  it('maps each priority onto Remedy\'s impact and urgency menus', async () => {
    const seen: string[] = [];
    for (const priority of ['critical', 'high', 'medium', 'low'] as const) {
      await adapter().create({ ...REQUEST, priority });
      const values = (remedy.seen.at(-2)!.json as { values: Record<string, string> }).values;
      seen.push(`${values['Impact']} / ${values['Urgency']}`);
    }
    assert.deepEqual(seen, ['1-Extensive/Widespread / 1-Critical', '2-Significant/Large / 2-High', '3-Moderate/Limited / 3-Medium', '4-Minor/Localized / 4-Low']);
  });

  it('reads the status through HPD:IncidentInterface and syncs closure: resolving sets Status Resolved once', async () => {
    assert.deepEqual(await adapter().readStatus({ key: 'INC000000001234' }), { status: 'Assigned', isDone: false });
    assert.deepEqual(await adapter().resolve({ key: 'INC000000001234' }, 'Card processor failover completed.'), { status: 'Resolved', isDone: true });
    const put = remedy.seen.find((s) => s.method === 'PUT')!;
    assert.deepEqual(put.json, { values: { Status: 'Resolved', Status_Reason: 'No Further Action Required', Resolution: 'Card processor failover completed.' } });
    remedy.seen.length = 0;
    assert.deepEqual(await adapter().resolve({ key: 'INC000000001234' }, 'again'), { status: 'Resolved', isDone: true });
    assert.equal(remedy.seen.filter((s) => s.method === 'PUT').length, 0, 'an incident already resolved is not updated again');
  });

  it('a refused login (401) names the user and the variable, never the password', async () => {
    const f = await failure(new RemedyTickets(config(), { REMEDY_PASSWORD: 'wrong-password' }, new AddressGuard([], 'x', [remedy.url])).create(REQUEST));
    assert.equal(f.code, 'UPSTREAM_FAILED');
    assert.equal(f.message, 'Remedy answered 401 Unauthorized: Authentication failed');
    assert.match(f.hint ?? '', /tickets\.remedy\.username \(ir-integration\).*\$REMEDY_PASSWORD/);
  });

  it('reads Remedy\'s own error messages, and a server error after login still logs out', async () => {
    handler = (req, res) => (req.url.startsWith('/api/arsys/v1/entry/HPD:IncidentInterface_Create')
      ? send(res, 500, [{ messageType: 'ERROR', messageText: 'ARERR 8760', messageAppendedText: `Cannot establish a network connection to the AR System server (token ${JWT})`, messageNumber: 8760 }])
      : standard(req, res));
    const f = await failure(adapter().create(REQUEST));
    assert.equal(f.message, 'Remedy answered 500 Internal Server Error: ARERR 8760: Cannot establish a network connection to the AR System server (token [redacted])');
    assert.equal(remedy.seen.at(-1)!.url, '/api/jwt/logout');
  });

  it('a missing password variable is a configuration error naming it', async () => {
    const f = await failure(new RemedyTickets(config(), {}, new AddressGuard([], 'x', [remedy.url])).create(REQUEST));
    assert.equal(f.code, 'CONFIG_INVALID');
    assert.match(f.message, /tickets\.remedy\.password_env: the environment variable REMEDY_PASSWORD is not set/);
  });
});

describe('Cherwell tickets', () => {
  let cherwell: Awaited<ReturnType<typeof localServer>>;
  const BUS_OB_ID = '6dd53665c0c24cab86870a21cf6434ae';
  const FIELD = (name: string) => ({ dirty: false, displayName: name, fieldId: `BO:${BUS_OB_ID},FI:${name.toLowerCase()}`, name, value: '' });
  const TEMPLATE = ['ShortDescription', 'Description', 'Priority', 'Status', 'CloseDescription', 'CustomerRecID', 'Service', 'Category'].map(FIELD);
  let status = 'New';
  let handler: Handler;
  const saved: unknown[] = [];
  const standard: Handler = (req, res) => {
    if (req.method === 'POST' && req.url === '/CherwellAPI/token') {
      const f = req.form;
      if (f.get('grant_type') !== 'password' || f.get('client_id') !== CLIENT_ID) return send(res, 400, { error: 'invalid_client', error_description: 'Client ID is invalid' });
      if (f.get('username') !== 'ir-api' || f.get('password') !== CHERWELL_PASSWORD) return send(res, 400, { error: 'invalid_grant', error_description: 'BADREQUEST' });
      return send(res, 200, { access_token: ACCESS_TOKEN, token_type: 'bearer', expires_in: 1199, refresh_token: 'r1', 'as:client_id': CLIENT_ID, username: 'ir-api' });
    }
    if (req.headers['authorization'] !== `Bearer ${ACCESS_TOKEN}`) return send(res, 401, { Message: 'Authorization has been denied for this request.' });
    if (req.method === 'GET' && req.url === '/CherwellAPI/api/V1/getbusinessobjectsummary/busobname/Incident') return send(res, 200, [{ busObId: BUS_OB_ID, displayName: 'Incident', name: 'Incident', major: true }]);
    if (req.method === 'POST' && req.url === '/CherwellAPI/api/V1/getbusinessobjecttemplate') return send(res, 200, { fields: TEMPLATE, hasError: false });
    if (req.method === 'POST' && req.url === '/CherwellAPI/api/V1/savebusinessobject') {
      saved.push(req.json);
      const fields = (req.json as { fields: { name: string; value: string }[] }).fields;
      const s = fields.find((x) => x.name === 'Status');
      if (s) status = s.value;
      return send(res, 200, { busObPublicId: '102345', busObRecId: '94a1f3c2b7d54e0f8a6e2c1d3b4a5f60', errorCode: null, errorMessage: null, hasError: false });
    }
    if (req.method === 'GET' && req.url === `/CherwellAPI/api/V1/getbusinessobject/busobid/${BUS_OB_ID}/publicid/102345`) {
      return send(res, 200, { busObId: BUS_OB_ID, busObPublicId: '102345', busObRecId: '94a1f3c2b7d54e0f8a6e2c1d3b4a5f60', fields: [{ name: 'Status', value: status, fieldId: 'x' }], hasError: false });
    }
    return send(res, 404, { errorCode: 'RECORDNOTFOUND', errorMessage: 'Record not found', hasError: true });
  };
  before(async () => { cherwell = await localServer(() => handler); });
  after(async () => { await cherwell.close(); });
  beforeEach(() => { cherwell.seen.length = 0; saved.length = 0; status = 'New'; handler = standard; });

  const config = (fields: Record<string, string> = { CustomerRecID: '93652d8c1f3e4b6f9b1c', Service: 'Payments' }): CherwellTicketsConfig => ({
    baseUrl: `${cherwell.url}/CherwellAPI`, username: 'ir-api', passwordEnv: 'CHERWELL_PASSWORD', clientIdEnv: 'CHERWELL_CLIENT_ID', businessObject: 'Incident', fields, doneStatuses: ['resolved', 'closed', 'cancelled'],
  });
  const adapter = (fields?: Record<string, string>) => new CherwellTickets(config(fields), env, new AddressGuard([], 'x', [cherwell.url]));

  it('gets a token with the password grant, fills the Incident template by field name and saves it', async () => {
    const created = await createTicketGateway({ cherwell: config() }, env, () => 0).create('cherwell', REQUEST);
    assert.deepEqual(created, { key: '102345', externalId: '94a1f3c2b7d54e0f8a6e2c1d3b4a5f60', status: 'New' });
    assert.deepEqual(cherwell.seen.map((s) => `${s.method} ${s.url}`), [
      'POST /CherwellAPI/token', 'GET /CherwellAPI/api/V1/getbusinessobjectsummary/busobname/Incident',
      'POST /CherwellAPI/api/V1/getbusinessobjecttemplate', 'POST /CherwellAPI/api/V1/savebusinessobject',
    ]);
    assert.deepEqual(cherwell.seen[2]!.json, { busObId: BUS_OB_ID, includeRequired: true, includeAll: true });
    const body = saved[0] as { busObId: string; persist: boolean; fields: { name: string; value: string; dirty: boolean; fieldId: string }[] };
    assert.equal(body.busObId, BUS_OB_ID);
    assert.equal(body.persist, true);
    assert.deepEqual(Object.fromEntries(body.fields.map((f) => [f.name, f.value])), {
      ShortDescription: REQUEST.summary, Description: 'SEV-1 production incident\nImpact: card payments fail', Priority: '1', CustomerRecID: '93652d8c1f3e4b6f9b1c', Service: 'Payments',
    });
    assert.ok(body.fields.every((f) => f.dirty && f.fieldId.startsWith(`BO:${BUS_OB_ID}`)));
  });

  it('maps priority 1-4 and syncs closure: Status Resolved with the close description, once', async () => {
    const priorities: string[] = [];
    for (const priority of ['critical', 'high', 'medium', 'low'] as const) {
      await adapter().create({ ...REQUEST, priority });
      priorities.push((saved.at(-1) as { fields: { name: string; value: string }[] }).fields.find((f) => f.name === 'Priority')!.value);
    }
    assert.deepEqual(priorities, ['1', '2', '3', '4']);
    assert.deepEqual(await adapter().readStatus({ key: '102345' }), { status: 'New', isDone: false });
    saved.length = 0;
    assert.deepEqual(await adapter().resolve({ key: '102345', externalId: '94a1f3c2b7d54e0f8a6e2c1d3b4a5f60' }, 'Failover completed.'), { status: 'Resolved', isDone: true });
    const update = saved[0] as { busObPublicId: string; busObRecId: string; fields: { name: string; value: string }[] };
    assert.equal(update.busObPublicId, '102345');
    assert.equal(update.busObRecId, '94a1f3c2b7d54e0f8a6e2c1d3b4a5f60');
    assert.deepEqual(Object.fromEntries(update.fields.map((f) => [f.name, f.value])), { Status: 'Resolved', CloseDescription: 'Failover completed.' });
    assert.deepEqual(await adapter().readStatus({ key: '102345' }), { status: 'Resolved', isDone: true });
    await adapter().resolve({ key: '102345' }, 'again');
    assert.equal(saved.length, 1, 'a resolved ticket is not saved again');
  });

  it('a refused login names the settings to check and hides the password and client id', async () => {
    const f = await failure(new CherwellTickets(config(), { ...env, CHERWELL_PASSWORD: 'wrong-password' }, new AddressGuard([], 'x', [cherwell.url])).create(REQUEST));
    assert.equal(f.message, 'Cherwell answered 400 Bad Request: BADREQUEST');
    assert.match(f.hint ?? '', /tickets\.cherwell\.username \(ir-api\).*\$CHERWELL_PASSWORD.*\$CHERWELL_CLIENT_ID/);
    assert.ok(!f.message.includes(CLIENT_ID));
  });

  it('an expired token (401), a 200 answer with hasError, a 5xx and a misspelt field each fail with Cherwell\'s reason', async () => {
    handler = (req, res) => (req.url.endsWith('/savebusinessobject') ? send(res, 401, { Message: 'Authorization has been denied for this request.' }) : standard(req, res));
    assert.equal((await failure(adapter().create(REQUEST))).message, 'Cherwell answered 401 Unauthorized: Authorization has been denied for this request.');
    handler = (req, res) => (req.url.endsWith('/savebusinessobject') ? send(res, 200, { busObPublicId: null, busObRecId: null, errorCode: 'GENERALFAILURE', errorMessage: 'Customer is required', hasError: true }) : standard(req, res));
    assert.equal((await failure(adapter().create(REQUEST))).message, 'Cherwell refused savebusinessobject: GENERALFAILURE: Customer is required');
    handler = (req, res) => (req.url.endsWith('/savebusinessobject') ? send(res, 503, '') : standard(req, res));
    assert.equal((await failure(adapter().create(REQUEST))).message, 'Cherwell answered 503 Service Unavailable: Service Unavailable');
    const misspelt = await failure(adapter({ Custmer: 'x' }).create(REQUEST));
    assert.equal(misspelt.message, 'Cherwell\'s Incident has no field named Custmer');
    assert.match(misspelt.hint ?? '', /tickets\.cherwell\.fields/);
  });
});
