import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, type Issue } from '../../domain/errors/index.js';
import { parseSeriesCsv } from './index.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function problems(csv: string): { error: AppError; issues: readonly Issue[] } {
  try {
    parseSeriesCsv(csv, 'data.csv');
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, 'VALIDATION');
    return { error: e, issues: e.issues };
  }
  assert.fail('expected the series to be rejected');
}

const where = (issues: readonly Issue[]) => issues.map((i) => `${i.line}:${i.column} ${i.message}`);

describe('parseSeriesCsv', () => {
  it('reads ISO and epoch timestamps, numbers, booleans and gaps', () => {
    const series = parseSeriesCsv(lines(
      '# comment lines and blank lines are skipped',
      '',
      'timestamp,error_rate,unusual,availability',
      '2026-03-02T10:00:00Z,0.5,false,99.9',
      '2026-03-02 10:01:00+01:00,1e1,TRUE,',
      '1772445720,-2,1,"95"',
      '1772445780000,.5,0,  97.5 ',
    ), 'data.csv');
    assert.deepEqual(series.metrics, ['error_rate', 'unusual', 'availability']);
    assert.deepEqual(series.rows.map((r) => [new Date(r.at).toISOString(), r.samples, r.line]), [
      ['2026-03-02T10:00:00.000Z', { error_rate: 0.5, unusual: false, availability: 99.9 }, 4],
      ['2026-03-02T09:01:00.000Z', { error_rate: 10, unusual: true }, 5],
      ['2026-03-02T10:02:00.000Z', { error_rate: -2, unusual: 1, availability: 95 }, 6],
      ['2026-03-02T10:03:00.000Z', { error_rate: 0.5, unusual: 0, availability: 97.5 }, 7],
    ]);
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    const series = parseSeriesCsv('\uFEFFtimestamp,x\r\n2026-03-02T10:00:00Z,1\r\n', 'data.csv');
    assert.deepEqual(series.rows.map((r) => r.samples), [{ x: 1 }]);
  });

  it('reports every bad field with its line and column', () => {
    const { error, issues } = problems(lines(
      'timestamp,error_rate,response_time',
      '2026-03-02T10:00:00Z,0.5,120',
      '2026-03-02T10:01:00,0.5,120',
      '2026-03-02T10:02:00Z,62%,30s',
      '2026-03-02T10:03:00Z,high,1',
      '2026-02-30T10:04:00Z,1,1',
      'yesterday,1,1',
      '2026-03-02T10:05:00Z,1',
      '2026-03-02T10:00:00Z,1,1',
    ));
    assert.deepEqual(where(issues), [
      "3:1 timestamp '2026-03-02T10:01:00' has no time zone; add Z (UTC) or an offset such as +01:00",
      "4:22 expected a number, true/false or nothing, got '62%'; write the bare number in the base unit (percentages 0–100, durations in ms, rates per second), not '%'",
      "4:26 expected a number, true/false or nothing, got '30s'; write the bare number in the base unit (percentages 0–100, durations in ms, rates per second), not 's'",
      "5:22 expected a number, true/false or nothing, got 'high'",
      "6:1 '2026-02-30T10:04:00Z' is not a valid date and time",
      "7:1 'yesterday' is not a timestamp; write ISO-8601 with a zone (2026-03-02T10:00:00Z) or Unix epoch seconds",
      '8:1 expected 3 fields (timestamp, error_rate, response_time) as in the header on line 1, got 2',
      '9:1 a second row at 2026-03-02T10:00:00Z (the first is on line 2); keep one row per instant',
    ]);
    assert.match(error.message, /^series file data\.csv is invalid \(8 problems\):\n {2}data\.csv:3:1: timestamp/);
  });

  it('checks the header', () => {
    assert.deepEqual(where(problems(lines('time,a,a,,2x', '2026-03-02T10:00:00Z,1,1,1,1')).issues), [
      "1:1 the first column must be 'timestamp', got 'time' — did you mean 'timestamp'?",
      "1:8 column 'a' appears twice",
      '1:10 empty column name',
      "1:11 '2x' is not a metric name (letters, digits, '_', ':' or '-', starting with a letter)",
    ]);
    assert.deepEqual(where(problems(lines('timestmp,a', '2026-03-02T10:00:00Z,1')).issues), ["1:1 the first column must be 'timestamp', got 'timestmp' — did you mean 'timestamp'?"]);
    assert.deepEqual(where(problems(lines('2026-03-02T10:00:00Z,1')).issues), ['1:1 expected a header line first, such as "timestamp,error_rate,response_time"; this line looks like data']);
  });

  it('rejects an empty file, a file without rows, and an unterminated quote', () => {
    assert.deepEqual(where(problems('').issues), ['1:1 the file is empty; expected a header line such as "timestamp,error_rate,response_time"']);
    assert.deepEqual(where(problems('# only a comment\ntimestamp,a\n').issues), ['2:1 the file has a header but no rows']);
    assert.deepEqual(where(problems(lines('timestamp,a', '2026-03-02T10:00:00Z,"1')).issues), ['2:22 unterminated quoted field; close it with "']);
  });
});
