import type { IncidentDto } from '../../../app/incidents/index.js';
import type { TimeFormatter } from './format-time.js';
import type { Style } from './style.js';
import { terminalText as line } from './terminal-text.js';

const MARK: Record<string, string> = { done: '[x]', 'in-progress': '[~]', pending: '[ ]', overdue: '[!]', 'not-required': '[-]' };

/** The compliance section of `show`: each flag, then each obligation with its deadline and what was sent. */
export function renderComplianceSection(i: IncidentDto, t: TimeFormatter, st: Style): string[] {
  const c = i.compliance;
  if (c.flags.length === 0) return [];
  const lines = ['', st.bold('Compliance')];
  for (const f of c.flags) {
    const extra = [f.individuals === null ? '' : `${f.individuals} individuals`, f.highRisk ? 'high risk' : ''].filter(Boolean).join(', ');
    lines.push(`  ${f.label}: aware since ${t.short(f.awareAt)} (flagged by ${line(f.flaggedBy)}${extra ? `; ${extra}` : ''})${f.note ? ` — ${line(f.note)}` : ''}`);
    for (const o of c.obligations.filter((x) => x.regime === f.regime)) {
      const due = o.dueAt === null ? 'without undue delay' : `due ${t.short(o.dueAt)} (${t.relative(o.dueAt)})`;
      const state = o.status === 'overdue' ? st.red('OVERDUE') : o.status === 'done' ? st.green('done') : o.status === 'in-progress' ? st.yellow('in progress (final report owed)') : o.status === 'not-required' ? st.dim('not required') : 'pending';
      lines.push(`    ${MARK[o.status] ?? '[ ]'} ${o.title}: ${due} · ${state}`);
      lines.push(`        ${st.dim(o.basis)}`);
      if (o.contacts.length > 0 && o.status !== 'done') lines.push(`        contacts: ${line(o.contacts.map((x) => (x.reach ? `${x.name} <${x.reach}>` : x.name)).join('; '))}`);
      for (const n of o.notifications) lines.push(`        ${t.short(n.at)} ${n.phase} to ${line(n.to)} (by ${line(n.by)})${n.note ? ` — ${line(n.note)}` : ''}`);
    }
  }
  return lines;
}
