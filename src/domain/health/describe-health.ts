// System health as a responder reads it: each metric with its unit and its change from the
// baseline, grouped as the product description groups diagnostics (application, database,
// network, external dependencies). Pure: readings and metric descriptions in, rows out.

/** The unit a metric's samples are in: the detection base units (percent 0–100, milliseconds, per second). */
export const METRIC_UNITS = ['percent', 'ms', 'per_second', 'number'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const HEALTH_GROUPS = ['application', 'database', 'network', 'external'] as const;
export type HealthGroup = (typeof HEALTH_GROUPS)[number];

export const HEALTH_GROUP_TITLES: Readonly<Record<HealthGroup, string>> = {
  application: 'Application',
  database: 'Database',
  network: 'Network',
  external: 'External dependencies',
};

/** How one metric is shown. */
export interface MetricDescription {
  readonly metric: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly group: HealthGroup;
}

/** What configuration says about a metric; anything left out is inferred from its name. */
export type MetricHints = Partial<Omit<MetricDescription, 'metric'>>;

interface Family {
  readonly test: RegExp;
  readonly label: string;
  readonly unit: MetricUnit;
}

// Order matters: the first family whose pattern matches names the metric.
const FAMILIES: readonly Family[] = [
  { test: /error.?(rate|ratio|percent|pct)|^errors?$/i, label: 'Error rate', unit: 'percent' },
  { test: /response|latency|duration|p9\d/i, label: 'Response time', unit: 'ms' },
  { test: /throughput|requests|rps|traffic/i, label: 'Throughput', unit: 'per_second' },
  { test: /cpu/i, label: 'CPU usage', unit: 'percent' },
  { test: /mem/i, label: 'Memory usage', unit: 'percent' },
  { test: /availability|uptime/i, label: 'Availability', unit: 'percent' },
  { test: /connections?$/i, label: 'Connections', unit: 'number' },
];

const GROUP_PATTERNS: readonly [RegExp, HealthGroup][] = [
  [/(^|[_.-])(db|database|sql|pg|postgres|postgresql|mysql|redis|mongo|query|replication)([_.-]|$)/i, 'database'],
  [/(^|[_.-])(net|network|dns|packet|packets|lb|load_balancer|bandwidth|tcp|cdn)([_.-]|$)/i, 'network'],
  [/(^|[_.-])(external|vendor|third_party|upstream|dependency)([_.-]|$)/i, 'external'],
];

/** A metric's label, unit and group: what configuration says, else what its name suggests. */
export function describeMetric(metric: string, hints: MetricHints = {}): MetricDescription {
  const family = FAMILIES.find((f) => f.test.test(metric));
  const group = hints.group ?? GROUP_PATTERNS.find(([re]) => re.test(metric))?.[1] ?? 'application';
  return {
    metric,
    label: hints.label ?? family?.label ?? humanise(metric),
    unit: hints.unit ?? family?.unit ?? 'number',
    group,
  };
}

function humanise(metric: string): string {
  const words = metric.replace(/[_.-]+/g, ' ').trim();
  return words.length === 0 ? metric : words[0]!.toUpperCase() + words.slice(1);
}

export type ChangeDirection = 'up' | 'down' | 'steady';

/** One line of the health panel. */
export interface HealthRow {
  readonly metric: string;
  readonly label: string;
  readonly group: HealthGroup;
  readonly unit: MetricUnit;
  readonly value: number | boolean;
  /** The value with its unit: "12.3%", "2.4s", "1,247 req/min", "up". */
  readonly valueText: string;
  readonly baseline?: number;
  /** Against the baseline: points for percentages, the difference for durations, a share for rates and counts. */
  readonly change?: { readonly direction: ChangeDirection; readonly text: string };
  /** "Error rate: 12.3% (↑ 8.1% from baseline)" */
  readonly text: string;
}

export interface HealthGroupRows {
  readonly group: HealthGroup;
  readonly title: string;
  readonly rows: readonly HealthRow[];
}

/** The readings as rows grouped in the product's order; metrics without a reading are left out. */
export function describeHealth(
  samples: Readonly<Record<string, number | boolean>>,
  baselines: Readonly<Record<string, number>>,
  hints: Readonly<Record<string, MetricHints>> = {},
): HealthGroupRows[] {
  const rows = Object.keys(samples).map((metric) => healthRow(describeMetric(metric, hints[metric]), samples[metric]!, baselines[metric]));
  const familyRank = (r: HealthRow) => {
    const i = FAMILIES.findIndex((f) => f.test.test(r.metric));
    return i === -1 ? FAMILIES.length : i;
  };
  return HEALTH_GROUPS
    .map((group) => ({
      group,
      title: HEALTH_GROUP_TITLES[group],
      rows: rows.filter((r) => r.group === group).sort((a, b) => familyRank(a) - familyRank(b) || a.metric.localeCompare(b.metric)),
    }))
    .filter((g) => g.rows.length > 0);
}

export function healthRow(d: MetricDescription, value: number | boolean, baseline: number | undefined): HealthRow {
  const valueText = typeof value === 'boolean' ? (value ? 'up' : 'down') : formatValue(value, d);
  const change = typeof value === 'number' && baseline !== undefined ? describeChange(value, baseline, d) : undefined;
  const text = `${d.label}: ${valueText}${change === undefined ? '' : ` (${ARROW[change.direction]} ${change.text} from baseline)`}`;
  return {
    metric: d.metric, label: d.label, group: d.group, unit: d.unit, value, valueText,
    ...(baseline === undefined || typeof value === 'boolean' ? {} : { baseline }),
    ...(change === undefined ? {} : { change }),
    text,
  };
}

const ARROW: Readonly<Record<ChangeDirection, string>> = { up: '↑', down: '↓', steady: '→' };

/** Numbers as people write them: 1,247 / 12.3 / 0.42. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 1 : 2;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 60_000) return `${formatNumber(ms / 60_000)}min`;
  if (abs >= 1000) return `${formatNumber(ms / 1000)}s`;
  return `${formatNumber(ms)}ms`;
}

function formatValue(v: number, d: MetricDescription): string {
  switch (d.unit) {
    case 'percent': return `${formatNumber(v)}%`;
    case 'ms': return formatMs(v);
    // Per second is the base unit; people read request rates per minute (1,247 req/min).
    case 'per_second': return `${formatNumber(v * 60)} ${/throughput|requests|rps|traffic/i.test(d.metric) ? 'req' : ''}/min`.replace(' /', '/');
    case 'number': return formatNumber(v);
  }
}

function describeChange(v: number, base: number, d: MetricDescription): { direction: ChangeDirection; text: string } {
  const delta = v - base;
  // Within a thousandth of the baseline counts as no change (float noise, an idle metric).
  const tolerance = Math.max(Math.abs(base), Math.abs(v)) * 1e-3;
  const direction: ChangeDirection = Math.abs(delta) <= tolerance ? 'steady' : delta > 0 ? 'up' : 'down';
  if (direction === 'steady') return { direction, text: '0' };
  switch (d.unit) {
    case 'percent': return { direction, text: `${formatNumber(Math.abs(delta))}%` };
    case 'ms': return { direction, text: formatMs(Math.abs(delta)) };
    case 'per_second':
    case 'number':
      return base === 0 ? { direction, text: formatValue(Math.abs(delta), d) } : { direction, text: `${formatNumber(Math.abs(delta / base) * 100)}%` };
  }
}
