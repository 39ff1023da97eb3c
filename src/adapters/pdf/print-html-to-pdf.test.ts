import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors/index.js';
import { printHtmlToPdf } from './index.js';

/**
 * The text of a PDF: pdftotext (poppler-utils) when installed. Without it, the document title
 * Chromium writes uncompressed into the Info dictionary (/Title (…), from the HTML <title>), since
 * page text is compressed glyph runs.
 */
function pdfText(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ir-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (run.status === 0) return run.stdout;
  return /\/Title \(([^)]*)\)/.exec(Buffer.from(pdf).toString('latin1'))?.[1] ?? '';
}

describe('printing HTML to PDF with headless Chromium', () => {
  it('prints a document whose text holds the incident id, fetching nothing', { timeout: 60_000 }, async () => {
    const html = '<!doctype html><html><head><meta charset="utf-8"><title>RCA INC-2026-1128-001</title><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
      + '<body><h1>Root Cause Analysis: INC-2026-1128-001</h1><p>Connection pool misconfiguration</p><img src="http://127.0.0.1:9/x.png"></body></html>';
    const pdf = await printHtmlToPdf(html);
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    assert.match(text.replace(/\s+/g, ' '), /INC-2026-1128-001/);
  });

  it('says how to fix a missing Chromium', async () => {
    await assert.rejects(printHtmlToPdf('<p>x</p>', { executablePath: '/nonexistent/chromium', timeoutMs: 5000 }), (e: unknown) =>
      isAppError(e) && /^Cannot start Chromium at \/nonexistent\/chromium/.test(e.message) && /IR_CHROMIUM_PATH/.test(e.hint ?? ''));
  });
});
