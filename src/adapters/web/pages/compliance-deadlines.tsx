/** @jsxImportSource @kitajs/html */
import type { IncidentDto } from '../../../app/incidents/index.js';
import { SlaClock, When } from '../components.js';
import type { WebTime } from '../web-time.js';

/** Open compliance obligations with their deadlines (pending or late), as a list; nothing when none. */
export function ComplianceDeadlines(p: { incident: IncidentDto; withIncident?: boolean; time: WebTime }): JSX.Element {
  const i = p.incident;
  const open = i.compliance.obligations.filter((o) => o.dueAt !== null && (o.status === 'pending' || o.status === 'overdue' || o.status === 'in-progress'));
  if (open.length === 0) return '';
  return (
    <ul class="tree compliance">
      {open.map((o) => (
        <li>
          {p.withIncident ? <><a href={`/app/incidents/${i.id}`} class="id" safe>{i.id}</a>{' '}</> : ''}
          <b safe>{o.title}</b> <span class="muted" safe>{`(${o.basis})`}</span>{' '}
          <SlaClock dueAt={o.dueAt} fromAt={null} state={o.status === 'overdue' ? 'overdue' : 'running'} label="" time={p.time} />
          {o.firstNotifiedAt ? <> <span class="muted">first notified <When at={o.firstNotifiedAt} time={p.time} /></span></> : ''}
        </li>
      ))}
    </ul>
  );
}
