import type { DeclarationPagingDto, DeclarationReceipt, IncidentDto } from '../../../app/incidents/index.js';
import { renderComplianceSection } from './render-compliance.js';
import { span, type TimeFormatter } from './format-time.js';
import type { Style } from './style.js';
import { displayWidth, padToWidth, terminalBlock, terminalText as line } from './terminal-text.js';

const CLOCK_WORD: Record<string, string> = {
  running: '', 'due-soon': 'DUE SOON', overdue: 'OVERDUE', met: 'met', 'met-late': 'met late', stopped: '',
};

function sevColour(i: IncidentDto, st: Style): (s: string) => string {
  return i.severity === 'critical' ? st.red : i.severity === 'high' ? st.yellow : (s: string) => s;
}

function clockText(state: string, st: Style): string {
  const word = CLOCK_WORD[state] ?? state;
  if (state === 'overdue') return ' ' + st.red(`[${word}]`);
  if (state === 'due-soon') return ' ' + st.yellow(`[${word}]`);
  return '';
}

export function renderHeader(i: IncidentDto, st: Style): string[] {
  const sev = sevColour(i, st);
  return [
    `${st.bold(i.id)}  ${line(i.title)}`,
    `${sev(`${i.severityLabel} ${i.severityName}`)} · ${i.type} · ${i.environment}${i.service ? ` · service ${line(i.service)}` : ''}`,
  ];
}

/** With the declaration's paging, the escalation line says what happened, not only what the policy aims at. */
export function renderPolicy(i: IncidentDto, t: TimeFormatter, paging?: DeclarationPagingDto): string[] {
  const response = i.clocks.response;
  const responseLine = response.metAt
    ? `${i.policy.respondWithin} — responded ${t.short(response.metAt)}${response.state === 'met-late' ? ' (late)' : ''}`
    : `${i.policy.respondWithin} — first response due ${t.short(response.dueAt)}`;
  const upd = i.clocks.nextUpdate.dueAt ? ` — next update due ${t.short(i.clocks.nextUpdate.dueAt)}` : '';
  return [
    `Severity policy (${i.severityLabel})`,
    `  Respond within  ${responseLine}`,
    `  Escalation      ${i.policy.escalation}${paging !== undefined && paging.paged.length === 0 ? ' (policy; nobody was paged)' : ''}`,
    `  Updates         ${i.policy.updateCadence}${upd}`,
  ];
}

/** Who the declaration paged, one line per person with the channels used; or, plainly, that no one was and how to fix it. */
export function renderPaging(p: DeclarationPagingDto, t: TimeFormatter, st: Style): string[] {
  if (p.paged.length === 0) {
    const why = p.summary.replace(/^No one was paged:? ?/, '');
    return [`${p.isConfigured ? 'Paged: no one' : st.yellow('Paged: no one')}${why === '' ? '' : ' —'}`, ...wordWrap(line(why), 78).map((l) => `  ${l}`)];
  }
  const people = new Map<string, { via: string[]; at: string; step: number }>();
  for (const x of p.paged) {
    const seen = people.get(x.name);
    if (seen === undefined) people.set(x.name, { via: [x.via], at: x.at, step: x.step });
    else if (!seen.via.includes(x.via)) seen.via.push(x.via);
  }
  const nameWidth = Math.max(...[...people.keys()].map((n) => displayWidth(line(n))));
  const viaWidth = Math.max(...[...people.values()].map((x) => x.via.join(', ').length));
  return [
    `Paged${p.policy !== null ? ` through ${line(p.policy)}` : ''}`,
    ...[...people].map(([name, x]) => `  ${padToWidth(line(name), nameWidth)}  ${x.via.join(', ').padEnd(viaWidth)}  step ${x.step}, ${t.short(x.at)}`),
  ];
}

export function renderChecklist(i: IncidentDto, t: TimeFormatter, st: Style): string[] {
  const c = i.checklist;
  const lines = [`${st.bold(c.title)}  ${c.done}/${c.total} done${c.overdue > 0 ? ', ' + st.red(`${c.overdue} overdue`) : ''}`];
  const width = Math.max(...c.phases.flatMap((p) => p.steps.map((s) => s.title.length)));
  for (const p of c.phases) {
    const abs = p.endsAt ? t.range(p.startsAt, p.endsAt) : `from ${t.short(p.startsAt)}`;
    lines.push(`[${p.marker}] ${p.title} (${p.window}; ${abs})`);
    for (const s of p.steps) {
      const box = s.status === 'done' ? st.green('[x]') : s.status === 'overdue' ? st.red('[!]') : '[ ]';
      const tail = s.status === 'done'
        ? st.dim(`done ${s.completedAt ? t.short(s.completedAt) : ''} by ${s.completedBy ?? ''}`)
        : s.status === 'overdue' ? st.red(`OVERDUE since ${s.dueAt ? t.short(s.dueAt) : ''}`) : '';
      lines.push(`  ${box} ${s.number} ${s.title.padEnd(width)}  ${st.dim(s.key)}${tail ? '  ' + tail : ''}`);
    }
  }
  return lines;
}

/** What `incident-response <severity> <type> <environment>` prints. */
export function renderDeclared(i: IncidentDto, paging: DeclarationPagingDto, t: TimeFormatter, st: Style): string {
  return [
    ...renderHeader(i, st),
    `Declared ${t.full(i.declaredAt)} by ${line(i.declaredBy)} · status ${i.status} · public: ${i.publicStatus}`,
    '',
    ...renderPolicy(i, t, paging),
    '',
    ...renderPaging(paging, t, st),
    '',
    ...renderChecklist(i, t, st),
    '',
    st.dim(`Next: incident-response ack ${i.id}   ·   incident-response assign ${i.id} --role commander --to NAME`),
  ].join('\n');
}

/** What a declarer who may not see the incident reads: the receipt, and whom to ask. */
export function renderDeclarationReceipt(r: DeclarationReceipt, t: TimeFormatter, st: Style): string {
  return [
    st.bold(`${r.id}  ${r.severityLabel} ${r.type}`),
    `Declared ${t.full(r.declaredAt)} · handed to the ${r.handedTo} team`,
    '',
    terminalBlock(r.message, 0),
  ].join('\n');
}

/** What `show ID` prints: state, roles, clocks, checklist, last update. */
export function renderShow(i: IncidentDto, t: TimeFormatter, st: Style): string {
  const now = Date.parse(i.asOf);
  const lines = [...renderHeader(i, st)];
  const statusExtra = i.status === 'acknowledged' && i.acknowledgedAt ? ` (by ${line(i.acknowledgedBy ?? '')} at ${t.short(i.acknowledgedAt)})`
    : i.status === 'resolved' && i.resolvedAt ? ` (by ${line(i.resolvedBy ?? '')} at ${t.short(i.resolvedAt)})` : '';
  lines.push(`Status        ${i.status}${statusExtra} · public: ${i.publicStatus}`);
  const end = i.resolvedAt ? Date.parse(i.resolvedAt) : now;
  lines.push(`Declared      ${t.full(i.declaredAt)} by ${line(i.declaredBy)} · ${i.resolvedAt ? 'lasted' : 'elapsed'} ${span(end - Date.parse(i.declaredAt))}`);
  const r = i.clocks.response;
  lines.push(r.metAt
    ? `Response      ${r.state === 'met-late' ? st.yellow('met late') : st.green('met')} at ${t.short(r.metAt)} (due ${t.short(r.dueAt)}, ${i.policy.respondWithin})`
    : `Response      due ${t.short(r.dueAt)} (${t.relative(r.dueAt)}, ${i.policy.respondWithin})${clockText(r.state, st)}`);
  const u = i.clocks.nextUpdate;
  lines.push(u.dueAt
    ? `Next update   due ${t.short(u.dueAt)} (${t.relative(u.dueAt)}, ${i.policy.updateCadence})${clockText(u.state, st)}`
    : `Next update   none owed`);
  lines.push(`Escalation    ${i.policy.escalation}`);
  const roles = Object.entries(i.roles);
  lines.push(`Roles         ${roles.length === 0 ? st.dim('none assigned') : roles.map(([role, who]) => `${role}: ${line(who)}`).join(' · ')}`);
  lines.push(i.lastUpdate
    ? `Last update   ${t.short(i.lastUpdate.at)} [${i.lastUpdate.status}] ${line(i.lastUpdate.by)}: ${terminalBlock(i.lastUpdate.message, 14)}`
    : `Last update   ${st.dim('none yet')}`);
  if (i.resolutionSummary) lines.push(`Resolution    ${terminalBlock(i.resolutionSummary, 14)}`);
  if (i.summary) lines.push(`Summary       ${terminalBlock(i.summary, 14)}`);
  if (i.impact) lines.push(`Impact        ${terminalBlock(i.impact.text, 14)}`);
  if (i.satisfaction) lines.push(`Satisfaction  ${i.satisfaction.average.toFixed(1)}/5.0 from ${i.satisfaction.responses} customer${i.satisfaction.responses === 1 ? '' : 's'}`);
  if (i.review.doneAt) lines.push(`Review        done ${t.full(i.review.doneAt)} (incident-response pir show ${i.id})`);
  else if (i.review.scheduledAt) lines.push(`Review        scheduled ${t.full(i.review.scheduledAt)}${i.review.dueAt ? `, due by ${t.full(i.review.dueAt)}` : ''} (incident-response pir show ${i.id})`);
  else if (i.review.dueAt) lines.push(`Review        ${Date.parse(i.review.dueAt) < now ? st.red('overdue') : 'required'}, due by ${t.full(i.review.dueAt)}: schedule it with "incident-response pir schedule ${i.id} --at …"`);
  if (i.seenBefore.length) lines.push(`Seen before   ${i.seenBefore.join(', ')} (incident-response rca ${i.seenBefore[i.seenBefore.length - 1]})`);
  lines.push('', ...renderChecklist(i, t, st));
  lines.push(...renderComplianceSection(i, t, st));
  return lines.join('\n');
}

/** One line after a command, e.g. "INC-… acknowledged by bob at 17:55 UTC." */
export function renderOutcomeLine(verb: string, i: IncidentDto, changed: boolean, t: TimeFormatter): string {
  if (!changed) return `${i.id}: nothing changed (${line(verb)}) — it is ${i.status}${i.status === 'acknowledged' && i.acknowledgedBy ? ` by ${line(i.acknowledgedBy)}` : ''}.`;
  return `${i.id} ${line(verb)} at ${t.short(i.asOf)} · status ${i.status} · public: ${i.publicStatus}`;
}

/** Lines of at most `width` columns, broken at spaces (a longer word stays whole). */
function wordWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}
