/** @jsxImportSource @kitajs/html */
// Who is on call now and next per schedule, each with their contact status, and a week of shifts as bars.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ContactTestDto } from '../../../app/contact-tests/index.js';
import { personOf } from '../../../app/oncall-overrides/index.js';
import { hasPermission } from '../../../domain/access/index.js';
import { AppError, isAppError } from '../../../domain/errors/index.js';
import { CONTACT_METHOD_LABEL, hasWorkingContactMethod, nextHandOff, onCallTimeline, whoIsOnCall, type Person, type Schedule } from '../../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import { CsrfField, ErrorBox, When, html } from '../components.js';
import { FORMS, parseForm } from '../web-forms.js';
import type { WebContext } from '../web-context.js';
import type { WebTime } from '../web-time.js';

const HORIZON_MS = 7 * 86_400_000;

export function registerOnCallPage(scope: FastifyInstance, ctx: WebContext): void {
  async function render(request: FastifyRequest, reply: FastifyReply, extra: { error?: string; tests?: readonly ContactTestDto[]; paged?: string; status?: number } = {}): Promise<FastifyReply> {
    const s = ctx.sessions.signedIn(request);
    const now = ctx.deps.clock.now();
    const directory = ctx.deps.onCall === undefined ? { people: ctx.deps.people, schedules: ctx.deps.schedules } : await ctx.deps.onCall.directoryAt(now);
    const self = personOf(s.principal, directory.people);
    const actions = ctx.deps.onCall !== undefined && self !== undefined && hasPermission(s.principal, 'incident:work') ? { self, csrf: s.csrf } : undefined;
    // "Page this person" offers the active incidents the signed-in person may see and work.
    const canPage = ctx.deps.onCall?.pagePerson !== undefined && hasPermission(s.principal, 'incident:work');
    const incidents = canPage ? (await ctx.deps.apiFor(s.principal).list({ statuses: ['triggered', 'acknowledged', 'mitigated'], limit: 50 })).map((i) => ({ id: i.id, label: `${i.severityLabel} ${i.id}: ${i.title.length > 60 ? `${i.title.slice(0, 59)}…` : i.title}` })) : [];
    const paging = canPage && incidents.length > 0 ? { csrf: s.csrf, incidents } : undefined;
    const body = html(<OnCallPage schedules={directory.schedules} people={directory.people} now={now} time={ctx.timeFor(s.principal)} actions={actions} paging={paging} paged={extra.paged} error={extra.error} tests={extra.tests} />);
    return ctx.page(request, reply, { title: 'On call', current: 'oncall', body, ...(extra.status === undefined ? {} : { status: extra.status }) });
  }

  scope.get('/app/oncall', (request, reply) => render(request, reply));
  // "Take this shift": the signed-in person goes on call for it (an override, audited, that paging uses at once).
  scope.post('/app/oncall/take', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      if (ctx.deps.onCall === undefined) throw new AppError('NOT_FOUND', 'On-call changes are not available on this server.');
      const f = parseForm(FORMS.takeShift, request.body);
      const self = personOf(s.principal, ctx.deps.people);
      if (self === undefined) throw new AppError('VALIDATION', `${s.principal.name} is not in people: of the configuration, so cannot be put on call; ask an admin to add them.`, { issues: [{ path: 'person', message: 'caller is not a person' }] });
      await ctx.deps.onCall.changesFor(s.principal).createOverride({ scheduleId: f.schedule, personId: self.id, from: f.from, to: f.to, note: 'taken from the web app' });
      return reply.redirect('/app/oncall?done=take-shift', 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(request, reply, { error: error.message, status: ctx.deps.httpStatus[error.code] });
    }
  });
  // "Page this person": pages someone on call (or next) about an active incident, by their own rules, on its timeline.
  scope.post('/app/oncall/page', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      const pagePerson = ctx.deps.onCall?.pagePerson;
      if (pagePerson === undefined) throw new AppError('NOT_FOUND', 'Paging a person is not available on this server.');
      const f = parseForm(FORMS.pagePerson, request.body);
      const { detail } = await pagePerson(s.principal, f.incident, f.person);
      return await render(request, reply, { paged: `${f.incident}: ${detail}.` });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(request, reply, { error: error.message, status: ctx.deps.httpStatus[error.code] });
    }
  });
  // "Send me a test page": one message on one of the signed-in person's own contact methods; the outcome is shown at once.
  scope.post('/app/oncall/test', async (request, reply) => {
    const s = ctx.sessions.signedIn(request);
    try {
      if (ctx.deps.onCall === undefined) throw new AppError('NOT_FOUND', 'Test pages are not available on this server.');
      const f = parseForm(FORMS.testPage, request.body);
      const self = personOf(s.principal, ctx.deps.people);
      if (self === undefined) throw new AppError('VALIDATION', `${s.principal.name} is not in people: of the configuration, so has no contact methods to test.`, { issues: [{ path: 'person', message: 'caller is not a person' }] });
      const tests = await ctx.deps.onCall.changesFor(s.principal).sendTestPage(self.id, f.method);
      return await render(request, reply, { tests });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return render(request, reply, { error: error.message, status: ctx.deps.httpStatus[error.code] });
    }
  });
}

/** A person's contact methods: which can page them (verified) and which cannot yet. */
function ContactStatus({ person }: { person: Person | undefined }): JSX.Element {
  if (person === undefined) return <span class="contact-missing">nobody is on call</span>;
  if (!hasWorkingContactMethod(person)) return <span class="contact-missing">no working contact method: pages reach nobody</span>;
  return (
    <span>
      {person.contactMethods.map((m, k) => <>{k > 0 ? ' · ' : ''}{m.isVerified
        ? <span class="contact-ok" safe>{`✓ ${CONTACT_METHOD_LABEL[m.kind]}`}</span>
        : <span class="muted" safe>{`${CONTACT_METHOD_LABEL[m.kind]} (not verified)`}</span>}</>)}
    </span>
  );
}

interface OnCallActions {
  readonly self: Person;
  readonly csrf: string;
}

interface PagingChoice {
  readonly csrf: string;
  readonly incidents: readonly { readonly id: string; readonly label: string }[];
}

/** "Page this person" about one of the active incidents. */
function PageThisPerson(p: { paging: PagingChoice | undefined; person: Person | undefined; where: string }): JSX.Element {
  if (p.paging === undefined || p.person === undefined || !hasWorkingContactMethod(p.person)) return '';
  const field = `page-${p.where}-${p.person.id}`;
  return (
    <form class="inline page-person" method="post" action="/app/oncall/page">
      <CsrfField csrf={p.paging.csrf} />
      <input type="hidden" name="person" value={p.person.id} />
      <label class="visually-hidden" for={field} safe>{`Incident to page ${p.person.name} about`}</label>
      <select id={field} name="incident">
        {p.paging.incidents.map((i) => <option value={i.id} safe>{i.label}</option>)}
      </select>{' '}
      <button type="submit">Page<span class="visually-hidden" safe>{` ${p.person.name}`}</span></button>
    </form>
  );
}

/** "Take this shift" for a shift someone else has. */
function TakeShift(p: { actions: OnCallActions | undefined; scheduleId: string; personId: string | undefined; from: number; to: number; label: string }): JSX.Element {
  if (p.actions === undefined || p.personId === p.actions.self.id) return '';
  return (
    <form class="inline" method="post" action="/app/oncall/take">
      <CsrfField csrf={p.actions.csrf} />
      <input type="hidden" name="schedule" value={p.scheduleId} />
      <input type="hidden" name="from" value={new Date(p.from).toISOString()} />
      <input type="hidden" name="to" value={new Date(p.to).toISOString()} />
      <button type="submit">Take<span class="visually-hidden" safe>{` ${p.label}`}</span></button>
    </form>
  );
}

/** The signed-in person's own contact methods, each with "Send me a test page", and the outcome of the last test. */
function MyContactMethods({ actions, tests }: { actions: OnCallActions; tests: readonly ContactTestDto[] | undefined }): JSX.Element {
  const methods = actions.self.contactMethods;
  return (
    <section class="panel" aria-labelledby="mine-h">
      <h2 id="mine-h">Your contact methods</h2>
      <p class="push-device" hidden>
        <button type="button" id="enable-push">Send my pages to this device</button>{' '}
        <span id="push-status" role="status" class="muted"></span>
      </p>
      {tests === undefined ? '' : (
        <div class="flash" role="status">
          {tests.map((t) => <p safe>{`Test by ${CONTACT_METHOD_LABEL[t.method]}: ${t.outcome} — ${t.detail}`}</p>)}
        </div>
      )}
      {methods.length === 0 ? <p class="contact-missing">You have no contact method: pages to you reach nobody. Ask an admin to add one under people: in the configuration.</p> : (
        <ul class="tree">
          {methods.map((m) => (
            <li>
              <span class={m.isVerified ? 'contact-ok' : 'muted'} safe>{`${m.isVerified ? '✓' : '✗'} ${CONTACT_METHOD_LABEL[m.kind]}${m.isVerified ? '' : ' (not verified)'}`}</span>{' '}
              {m.isVerified ? (
                <form class="inline" method="post" action="/app/oncall/test">
                  <CsrfField csrf={actions.csrf} />
                  <input type="hidden" name="method" value={m.kind} />
                  <button type="submit">Send me a test page<span class="visually-hidden" safe>{` by ${CONTACT_METHOD_LABEL[m.kind]}`}</span></button>
                </form>
              ) : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function OnCallPage(p: { schedules: readonly Schedule[]; people: readonly Person[]; now: EpochMs; time: WebTime; actions?: OnCallActions | undefined; paging?: PagingChoice | undefined; paged?: string | undefined; error?: string | undefined; tests?: readonly ContactTestDto[] | undefined }): JSX.Element {
  if (p.schedules.length === 0) {
    return <><h1>On call</h1><p class="panel muted">No schedules are configured. Add <code>people:</code> and <code>schedules:</code> to incident-response.yaml (docs/oncall.md).</p></>;
  }
  const person = (id: string | undefined) => (id === undefined ? undefined : p.people.find((x) => x.id === id));
  const name = (id: string | undefined) => (id === undefined ? 'nobody' : person(id)?.name ?? id);
  const iso = (ms: number) => new Date(ms).toISOString();
  const to = epochMs(p.now + HORIZON_MS);
  return (
    <>
      <h1>On call</h1>
      <ErrorBox message={p.error} />
      {p.paged === undefined ? '' : <div class="flash" role="status"><p safe>{`Paged — ${p.paged}`}</p></div>}
      <p class="muted" safe>{`Times in ${p.time.describe(p.now)}; hover a time for UTC.`}</p>
      {p.actions === undefined ? '' : <MyContactMethods actions={p.actions} tests={p.tests} />}
      {p.schedules.map((s) => {
        const current = whoIsOnCall(s, p.now);
        const next = nextHandOff(s, p.now);
        const shifts = onCallTimeline(s, p.now, to);
        return (
          <section class="panel" aria-labelledby={`s-${s.id}`}>
            <h2 id={`s-${s.id}`} safe>{s.name}</h2>
            <table class="cards oncall-now">
              <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Contact status</th>{p.actions === undefined ? '' : <th scope="col">Change</th>}</tr></thead>
              <tbody>
                <tr data-when="now">
                  <td data-label="When">Now</td>
                  <td data-label="Who"><b safe>{name(current?.personId)}</b>{current?.override ? ' (override)' : ''}</td>
                  <td data-label="Contact status"><ContactStatus person={person(current?.personId)} /><PageThisPerson paging={p.paging} person={person(current?.personId)} where={`${s.id}-now`} /></td>
                  {p.actions === undefined ? '' : <td data-label="Change">{current === undefined || shifts[0] === undefined ? '' : <TakeShift actions={p.actions} scheduleId={s.id} personId={current.personId} from={p.now} to={shifts[0].endAt} label={`the rest of the current shift of ${s.name}`} />}</td>}
                </tr>
                <tr data-when="next">
                  <td data-label="When">{next ? <>Next, from <When at={iso(next.at)} time={p.time} /></> : 'Next'}</td>
                  <td data-label="Who">{next ? <b safe>{name(next.toPersonId)}</b> : <span class="muted">no change in the next 90 days</span>}</td>
                  <td data-label="Contact status">{next ? <><ContactStatus person={person(next.toPersonId)} /><PageThisPerson paging={p.paging} person={person(next.toPersonId)} where={`${s.id}-next`} /></> : ''}</td>
                  {p.actions === undefined ? '' : <td data-label="Change">{next === undefined || shifts[1] === undefined ? '' : <TakeShift actions={p.actions} scheduleId={s.id} personId={next.toPersonId} from={shifts[1].startAt} to={shifts[1].endAt} label={`the next shift of ${s.name}`} />}</td>}
                </tr>
              </tbody>
            </table>
            <div class="bar-row">
              <span class="muted">next 7 days</span>
              <div class="bar-track" role="img" aria-label={`Shifts of ${s.name} over the next 7 days`}>
                {shifts.map((sh, i) => {
                  const left = ((sh.startAt - p.now) / HORIZON_MS) * 100;
                  const width = Math.max(0.5, ((sh.endAt - sh.startAt) / HORIZON_MS) * 100);
                  return <div class={i % 2 ? 'bar alt' : 'bar'} style={`left:${left.toFixed(3)}%;width:${width.toFixed(3)}%`} title={`${name(sh.personId)}: ${p.time.format(iso(sh.startAt))} – ${p.time.format(iso(sh.endAt))}`} safe>{name(sh.personId)}</div>;
                })}
              </div>
            </div>
            <ul class="tree">
              {shifts.slice(0, 14).map((sh) => <li><When at={iso(sh.startAt)} time={p.time} /> – <When at={iso(sh.endAt)} time={p.time} />: <b safe>{name(sh.personId)}</b>{sh.overrideId ? ' (override)' : ''}</li>)}
            </ul>
          </section>
        );
      })}
    </>
  );
}
