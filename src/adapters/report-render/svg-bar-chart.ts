import { escapeHtml } from './escape-html.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown at the end of the bar; defaults to the value. */
  readonly text?: string;
}

/** A horizontal bar chart as inline SVG: no script, readable without CSS, with a title for screen readers. */
export function renderSvgBarChart(title: string, bars: readonly Bar[]): string {
  const rowHeight = 24;
  const labelWidth = 160;
  const barWidth = 300;
  const height = bars.length * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.round((b.value / max) * barWidth);
    return [
      `<text x="0" y="${y + 15}" font-size="12">${escapeHtml(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="16" fill="#4a78c2"/>`,
      `<text x="${labelWidth + w + 6}" y="${y + 15}" font-size="12">${escapeHtml(b.text ?? String(b.value))}</text>`,
    ].join('');
  });
  // The viewBox lets the chart scale down to a phone's width instead of being clipped.
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${labelWidth + barWidth + 120}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${rows.join('')}</svg>`;
}
