/** @jsxImportSource @kitajs/html */
// The pieces every page shares: the shell (navigation, who is signed in, sign-out), times in the
// display zone, SLA clocks, severity badges, selects and messages. Text children are escaped with
// `safe`; the XSS check (xss-scan in the tests) fails on any string child without it.
import type { Principal } from '../../domain/access/index.js';
import { INCIDENT_EVENT_KINDS, dueSoonAt } from '../../domain/incident/index.js';
import { epochMs } from '../../domain/time/index.js';
import type { WebTime } from './web-time.js';

export const NAV = [
  { key: 'dashboard', href: '/app', label: 'Dashboard' },
  { key: 'incidents', href: '/app/incidents', label: 'Incidents' },
  { key: 'declare', href: '/app/incidents/new', label: 'Declare' },
  { key: 'oncall', href: '/app/oncall', label: 'On call' },
  { key: 'reports', href: '/app/reports', label: 'Reports' },
] as const;
export type NavKey = (typeof NAV)[number]['key'];

/** A rendered fragment: every component here renders synchronously to a string. */
export function html(element: JSX.Element): string {
  if (typeof element !== 'string') throw new Error('A web component rendered asynchronously; the web app renders synchronously.');
  return element;
}

export interface ShellProps {
  readonly title: string;
  readonly principal: Principal | undefined;
  readonly csrf: string | undefined;
  readonly current?: NavKey | undefined;
  readonly assets: { readonly css: string; readonly js: string; readonly manifest: string; readonly icon: string };
  readonly flash?: string | undefined;
  /** The page's own HTML, rendered by its components (escaped there). */
  readonly safeBody: string;
}

/** The page shell: skip link, navigation, who is signed in, sign-out (a CSRF-protected POST), a flash message. */
export function Shell(p: ShellProps): JSX.Element {
  const { safeBody } = p;
  return (
    <>
      {'<!doctype html>'}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <meta name="theme-color" content="#1d232a" />
          {p.csrf === undefined ? '' : <meta name="csrf-token" content={p.csrf} />}
          <title safe>{`${p.title} · incident-response`}</title>
          <link rel="stylesheet" href={p.assets.css} />
          <link rel="manifest" href={p.assets.manifest} />
          <link rel="icon" href={p.assets.icon} type="image/svg+xml" />
          <script src={p.assets.js} defer></script>
        </head>
        <body data-event-kinds={INCIDENT_EVENT_KINDS.join(' ')}>
          <a class="skip" href="#main">Skip to content</a>
          <header class="top">
            <span class="brand">incident-response</span>
            {p.principal === undefined ? '' : (
              <>
                <nav aria-label="Main">
                  {NAV.map((n) => <a href={n.href} aria-current={p.current === n.key ? 'page' : undefined}>{n.label}</a>)}
                </nav>
                <div class="who">
                  <span safe>{`${p.principal.name} · ${p.principal.role}${p.principal.teams.length ? ` · ${p.principal.teams.join(', ')}` : ''}`}</span>
                  <form class="inline" method="post" action="/app/sign-out">
                    <CsrfField csrf={p.csrf ?? ''} />
                    <button type="submit">Sign out</button>
                  </form>
                </div>
              </>
            )}
          </header>
          <main id="main" tabindex="-1">
            {p.flash === undefined ? '' : <div class="flash" role="status" safe>{p.flash}</div>}
            {safeBody}
          </main>
        </body>
      </html>
    </>
  );
}

export function CsrfField({ csrf }: { csrf: string }): JSX.Element {
  return <input type="hidden" name="_csrf" value={csrf} />;
}

/** A select of `values` with `selected` chosen; an optional first empty choice. */
export function Select(p: { name: string; id?: string; values: readonly string[]; selected: string | undefined; empty?: string; labels?: Readonly<Record<string, string>>; required?: boolean }): JSX.Element {
  return (
    <select id={p.id ?? p.name} name={p.name} required={p.required}>
      {p.empty === undefined ? '' : <option value="" safe>{p.empty}</option>}
      {p.values.map((v) => <option value={v} selected={v === p.selected} safe>{p.labels?.[v] ?? v}</option>)}
    </select>
  );
}

/** An instant in the display zone with its offset; the UTC instant on hover. */
export function When(p: { at: string; time: WebTime; isTimeOnly?: boolean }): JSX.Element {
  return <time datetime={p.at} title={p.time.utc(p.at)} safe>{p.time.format(p.at, p.isTimeOnly)}</time>;
}

/** Time since an instant, ticked by the page script; the instant itself on hover. */
export function Since(p: { at: string; time: WebTime }): JSX.Element {
  return <time datetime={p.at} data-since={p.at} title={`since ${p.time.format(p.at)} (${p.time.utc(p.at)})`} safe>{p.time.format(p.at, true)}</time>;
}

/**
 * An SLA clock: its state from the domain's rules (amber from the domain's "due soon" instant, red
 * once passed); the page script only re-applies the same two instants each second.
 */
export function SlaClock(p: { dueAt: string | null; fromAt: string | null; state: string; label: string; time: WebTime }): JSX.Element {
  if (p.state === 'met' || p.state === 'met-late') return <span class="clock met" safe>{`${p.label}met${p.state === 'met-late' ? ' late' : ''}`}</span>;
  if (p.dueAt === null || p.state === 'stopped') return <span class="muted">—</span>;
  const due = Date.parse(p.dueAt);
  const from = p.fromAt === null ? Number.NaN : Date.parse(p.fromAt);
  const soon = Number.isNaN(from) ? due : dueSoonAt(epochMs(from), epochMs(due));
  const cls = p.state === 'overdue' ? 'clock red' : p.state === 'due-soon' ? 'clock amber' : 'clock';
  return (
    <time class={cls} datetime={p.dueAt} data-due={p.dueAt} data-soon={new Date(soon).toISOString()} data-label={p.label} title={`due ${p.time.format(p.dueAt)} (${p.time.utc(p.dueAt)})`} safe>
      {`${p.label}${p.state === 'overdue' ? 'overdue' : 'due'} ${p.time.format(p.dueAt, true)}`}
    </time>
  );
}

export function Sev(p: { severity: string; label: string }): JSX.Element {
  return <span class={`sev sev-${p.severity}`} safe>{p.label}</span>;
}

export function ErrorBox({ message }: { message: string | undefined }): JSX.Element {
  return message === undefined ? '' : <div class="error" role="alert" safe>{message}</div>;
}
