import type { MetricSeries, SeriesRow } from '../../app/detection/index.js';
import { AppError, didYouMean, type Issue } from '../../domain/errors/index.js';
import { epochMs, isoUtc, type EpochMs } from '../../domain/time/index.js';
import { readTextFile } from './read-text-file.js';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_:-]*$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EPOCH = /^\d+(?:\.\d+)?$/;
/** Epoch values below this are seconds (up to the year 5138), above it milliseconds. */
const EPOCH_MS_FROM = 1e11;
const MAX_LISTED = 20;

interface Field {
  readonly text: string;
  /** 1-based column of the field's first character. */
  readonly column: number;
}

/**
 * Reads a recorded series:
 *
 *   timestamp,error_rate,response_time,unusual_traffic_patterns
 *   2026-03-02T10:00:00Z,0.4,180,false
 *   1772445660,0.5,,0
 *
 * Timestamps are ISO-8601 with a zone (Z or ±hh:mm) or Unix epoch seconds (or milliseconds when
 * above 1e11). Values are numbers, true/false, or empty for "no data". Blank lines and lines
 * starting with # are skipped; fields may be double-quoted. Every problem is reported with its
 * line and column as one AppError VALIDATION.
 */
export function parseSeriesCsv(text: string, fileName: string): MetricSeries {
  const issues: Issue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: { metrics: string[]; line: number } | undefined;
  const rows: SeriesRow[] = [];
  const firstLineAt = new Map<number, number>();

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = splitFields(raw, line, issues);
    if (fields === undefined) return;
    if (header === undefined) {
      header = readHeader(fields, line, issues);
      return;
    }
    if (fields.length !== header.metrics.length + 1) {
      issues.push({ path: `line ${line}`, message: `expected ${header.metrics.length + 1} fields (timestamp, ${header.metrics.join(', ')}) as in the header on line ${header.line}, got ${fields.length}`, line, column: 1 });
      return;
    }
    const [stamp, ...values] = fields as [Field, ...Field[]];
    const at = readTimestamp(stamp, line, issues);
    const samples: Record<string, number | boolean> = {};
    values.forEach((f, i) => {
      const metric = header!.metrics[i]!;
      const v = readValue(f, metric, line, issues);
      if (v !== undefined) samples[metric] = v;
    });
    if (at === undefined) return;
    const first = firstLineAt.get(at);
    if (first !== undefined) {
      issues.push({ path: `line ${line}`, message: `a second row at ${isoUtc(at)} (the first is on line ${first}); keep one row per instant`, line, column: stamp.column });
      return;
    }
    firstLineAt.set(at, line);
    rows.push({ at, samples, line });
  });

  if (header === undefined && issues.length === 0) issues.push({ path: '', message: 'the file is empty; expected a header line such as "timestamp,error_rate,response_time"', line: 1, column: 1 });
  else if (header !== undefined && rows.length === 0 && issues.length === 0) issues.push({ path: '', message: 'the file has a header but no rows', line: header.line, column: 1 });
  if (issues.length > 0) throw invalidSeries(fileName, issues);
  return { metrics: header!.metrics, rows };
}

export function loadSeriesCsvFile(path: string): MetricSeries {
  return parseSeriesCsv(readTextFile(path, 'series'), path);
}

function readHeader(fields: readonly Field[], line: number, issues: Issue[]): { metrics: string[]; line: number } {
  const [first, ...rest] = fields;
  const name = first?.text.trim() ?? '';
  if (name.toLowerCase() !== 'timestamp') {
    const looksLikeData = ISO.test(name) || EPOCH.test(name);
    const guess = didYouMean(name, ['timestamp']);
    const message = looksLikeData
      ? `expected a header line first, such as "timestamp,error_rate,response_time"; this line looks like data`
      : `the first column must be 'timestamp', got '${name}'${guess ? ` — did you mean '${guess}'?` : ''}`;
    issues.push({ path: 'header', message, line, column: first?.column ?? 1 });
    if (looksLikeData) return { metrics: rest.map((f) => f.text.trim()), line };
  }
  const metrics: string[] = [];
  for (const f of rest) {
    const metric = f.text.trim();
    if (!NAME_PATTERN.test(metric)) {
      issues.push({ path: 'header', message: metric === '' ? 'empty column name' : `'${metric}' is not a metric name (letters, digits, '_', ':' or '-', starting with a letter)`, line, column: f.column });
    } else if (metrics.includes(metric)) {
      issues.push({ path: 'header', message: `column '${metric}' appears twice`, line, column: f.column });
    }
    metrics.push(metric);
  }
  return { metrics, line };
}

function readTimestamp(f: Field, line: number, issues: Issue[]): EpochMs | undefined {
  const t = f.text.trim();
  const fail = (message: string) => void issues.push({ path: `line ${line}`, message, line, column: f.column });
  if (t === '') return fail('missing timestamp');
  if (EPOCH.test(t)) {
    const n = Number(t);
    return epochMs(Math.round(n < EPOCH_MS_FROM ? n * 1000 : n));
  }
  const m = ISO.exec(t);
  if (!m) {
    const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(t);
    return fail(zoneless
      ? `timestamp '${t}' has no time zone; add Z (UTC) or an offset such as +01:00`
      : `'${t}' is not a timestamp; write ISO-8601 with a zone (2026-03-02T10:00:00Z) or Unix epoch seconds`);
  }
  const ms = Date.parse(t.replace(' ', 'T'));
  // Date.parse rolls 2026-02-30 over to March; reading the date back catches impossible days.
  const [, y, mo, d, h, mi, s] = m;
  const invalid = Number.isNaN(ms) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), Number(mo)) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59;
  if (invalid) return fail(`'${t}' is not a valid date and time`);
  return epochMs(ms);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function readValue(f: Field, metric: string, line: number, issues: Issue[]): number | boolean | undefined {
  const t = f.text.trim();
  if (t === '') return undefined;
  const lower = t.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (NUMBER.test(t)) return Number(t);
  const unit = /^[+-]?[\d.]+\s*(%|[a-z/]+)$/i.exec(t)?.[1];
  const hint = unit === undefined ? '' : `; write the bare number in the base unit (percentages 0–100, durations in ms, rates per second), not '${unit}'`;
  issues.push({ path: `line ${line}.${metric}`, message: `expected a number, true/false or nothing, got '${t}'${hint}`, line, column: f.column });
  return undefined;
}

/** Splits one line on commas; a field in double quotes may contain commas and "" for a quote. */
function splitFields(raw: string, line: number, issues: Issue[]): Field[] | undefined {
  const fields: Field[] = [];
  let i = 0;
  for (;;) {
    let text = '';
    let lead = i;
    while (lead < raw.length && raw[lead] === ' ') lead++;
    const column = lead + 1;
    if (raw[lead] === '"') {
      i = lead + 1;
      for (;;) {
        if (i >= raw.length) {
          issues.push({ path: `line ${line}`, message: 'unterminated quoted field; close it with "', line, column: lead + 1 });
          return undefined;
        }
        if (raw[i] === '"' && raw[i + 1] === '"') { text += '"'; i += 2; continue; }
        if (raw[i] === '"') { i++; break; }
        text += raw[i];
        i++;
      }
      while (i < raw.length && raw[i] === ' ') i++;
      if (i < raw.length && raw[i] !== ',') {
        issues.push({ path: `line ${line}`, message: `expected ',' after a quoted field, found '${raw[i]}'`, line, column: i + 1 });
        return undefined;
      }
    } else {
      const end = raw.indexOf(',', i);
      text = raw.slice(i, end === -1 ? raw.length : end);
      i = end === -1 ? raw.length : end;
    }
    fields.push({ text, column });
    if (i >= raw.length) return fields;
    i++; // the comma
  }
}

function invalidSeries(fileName: string, issues: Issue[]): AppError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const shown = sorted.slice(0, MAX_LISTED).map((i) => `  ${fileName}:${i.line ?? 1}:${i.column ?? 1}: ${i.message}`);
  if (sorted.length > MAX_LISTED) shown.push(`  … and ${sorted.length - MAX_LISTED} more`);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return new AppError('VALIDATION', `series file ${fileName} is invalid (${count}):\n${shown.join('\n')}`, {
    issues: sorted,
    hint: 'A series file is CSV: a header "timestamp,<metric>,…", then one row per instant; see docs/triggers.md.',
  });
}
