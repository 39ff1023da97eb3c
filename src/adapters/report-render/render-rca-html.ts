import { RCA_ACTION_TAG } from '../../domain/rca/index.js';
import type { RcaDocument } from '../../domain/rca/index.js';
import { escapeHtml as e } from './escape-html.js';
import { formatInstant } from './format-report-values.js';
import { htmlPage } from './html-page.js';
import { rcaDuration, rcaSeverity, timelineTimeFormat } from './render-rca-markdown.js';

/** The RCA as a self-contained HTML page (print it to PDF from a browser). */
export function renderRcaHtml(doc: RcaDocument, zone: string): string {
  const pattern = timelineTimeFormat(doc.timeline, zone);
  const list = (items: readonly string[], empty: string) => (items.length ? `<ol>${items.map((x) => `<li>${x}</li>`).join('')}</ol>` : `<p class="muted">${e(empty)}</p>`);
  const body = `<h1>Root Cause Analysis: ${e(doc.incidentId)}</h1>
<p>${e(doc.title)}</p>
<h2>Incident Summary</h2>
<table><tbody>
<tr><th>ID</th><td>${e(doc.incidentId)}</td></tr>
<tr><th>Severity</th><td>${e(rcaSeverity(doc))}</td></tr>
<tr><th>Type</th><td>${e(`${doc.incidentType}, ${doc.environment}${doc.service ? `, service ${doc.service}` : ''}`)}</td></tr>
<tr><th>Duration</th><td>${e(rcaDuration(doc))}</td></tr>
<tr><th>Impact</th><td>${e(doc.impact)}</td></tr>${doc.businessImpact === undefined ? '' : `<tr><th>Business impact</th><td>${e(doc.businessImpact)}</td></tr>`}
</tbody></table>${doc.telemetry.length === 0 ? '' : `
<h2>Dashboards and Traces</h2>
<ul class="telemetry">${doc.telemetry.map((l) => `<li><a href="${e(l.href)}">${e(l.label)}</a></li>`).join('')}</ul>`}
<h2>Timeline (${e(zone)})</h2>
<table><thead><tr><th>Time</th><th>What happened</th><th>#</th></tr></thead><tbody>
${doc.timeline.map((x) => `<tr><td>${e(formatInstant(x.at, zone, pattern))}</td><td>${e(x.text)}${x.annotation ? `<br><span class="annotation">${e(x.annotation)}</span>` : ''}</td><td>${x.seq ?? ''}</td></tr>`).join('\n')}
</tbody></table>
<h2>Root Cause</h2>
${doc.rootCause ? `<p>${e(doc.rootCause)}</p>` : '<p class="muted">Not determined yet.</p>'}
${doc.rootCauseDetails.length ? `<ul>${doc.rootCauseDetails.map((d) => `<li>${e(d)}</li>`).join('')}</ul>` : ''}
${doc.seenBefore.length ? `<ul class="seen-before">${doc.seenBefore.map((s) => `<li>Seen before: ${e(s.incidentId)}${s.rootCause ? ` (root cause then: ${e(s.rootCause)})` : ''}</li>`).join('')}</ul>` : ''}
<h2>Contributing Factors</h2>
${list(doc.factors.map(e), 'None recorded yet.')}
<h2>Corrective Actions</h2>
${list(doc.actions.map((a) => `<strong>[${e(RCA_ACTION_TAG[a.category])}]</strong> ${e(a.text)}${a.owner ? ` — owner ${e(a.owner)}` : ''}${a.dueOn ? `, due ${e(a.dueOn)}` : ''}`), 'None recorded yet.')}`;
  return htmlPage(`RCA ${doc.incidentId}`, body);
}
