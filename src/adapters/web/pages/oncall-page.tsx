/** @jsxImportSource @kitajs/html */
// Who is on call now and next per schedule, each with their contact status, and a week of shifts as bars.
import type { FastifyInstance } from 'fastify';
import { CONTACT_METHOD_LABEL, hasWorkingContactMethod, nextHandOff, onCallTimeline, whoIsOnCall, type Person, type Schedule } from '../../../domain/oncall/index.js';
import { epochMs, type EpochMs } from '../../../domain/time/index.js';
import { When, html } from '../components.js';
import type { WebContext } from '../web-context.js';
import type { WebTime } from '../web-time.js';

const HORIZON_MS = 7 * 86_400_000;

export function registerOnCallPage(scope: FastifyInstance, ctx: WebContext): void {
  scope.get('/app/oncall', async (request, reply) => {
    const body = html(<OnCallPage schedules={ctx.deps.schedules} people={ctx.deps.people} now={ctx.deps.clock.now()} time={ctx.time} />);
    return ctx.page(request, reply, { title: 'On call', current: 'oncall', body });
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

export function OnCallPage(p: { schedules: readonly Schedule[]; people: readonly Person[]; now: EpochMs; time: WebTime }): JSX.Element {
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
      <p class="muted" safe>{`Times in ${p.time.describe(p.now)}; hover a time for UTC.`}</p>
      {p.schedules.map((s) => {
        const current = whoIsOnCall(s, p.now);
        const next = nextHandOff(s, p.now);
        const shifts = onCallTimeline(s, p.now, to);
        return (
          <section class="panel" aria-labelledby={`s-${s.id}`}>
            <h2 id={`s-${s.id}`} safe>{s.name}</h2>
            <table class="cards oncall-now">
              <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Contact status</th></tr></thead>
              <tbody>
                <tr data-when="now">
                  <td data-label="When">Now</td>
                  <td data-label="Who"><b safe>{name(current?.personId)}</b>{current?.override ? ' (override)' : ''}</td>
                  <td data-label="Contact status"><ContactStatus person={person(current?.personId)} /></td>
                </tr>
                <tr data-when="next">
                  <td data-label="When">{next ? <>Next, from <When at={iso(next.at)} time={p.time} /></> : 'Next'}</td>
                  <td data-label="Who">{next ? <b safe>{name(next.toPersonId)}</b> : <span class="muted">no change in the next 90 days</span>}</td>
                  <td data-label="Contact status">{next ? <ContactStatus person={person(next.toPersonId)} /> : ''}</td>
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
